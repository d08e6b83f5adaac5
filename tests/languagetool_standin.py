"""A stand-in LanguageTool server for tests: a LanguageTool server (Java, downloaded at first use)
cannot run on this machine, so this speaks the documented HTTP API that language-tool-python uses:
GET /v2/languages, and POST /v2/check (form fields `text`, `language`) answering
{"matches": [{message, shortMessage, offset, length, replacements: [{value}], context: {text, offset,
length}, sentence, rule: {id, description, issueType, category: {id, name}}}]}, with offsets and
lengths in UTF-16 code units as Java reports them. Its "grammar" is a short list of patterns.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

RULES = [
    (re.compile(r"\b(?:He|She|It) (go)\b"), "HE_VERB_AGR", "The pronoun and the verb 'go' do not agree.", ["goes"]),
    (re.compile(r"\bevery (weeks)\b"), "EVERY_NNS", "'every' is followed by a singular noun.", ["week"]),
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Handler(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, payload, status=200):
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self._send([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self._send({"error": "not found"}, 404)

    def do_POST(self):
        if not self.path.startswith("/v2/check"):
            self._send({"error": "not found"}, 404)
            return
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode("utf-8"))
        text = form.get("text", [""])[0]
        type(self).requests.append({"language": form.get("language", [""])[0], "text": text})
        matches = []
        for pattern, rule_id, message, replacements in RULES:
            for match in pattern.finditer(text):
                start, end = match.span(1)
                offset, size = utf16_length(text[:start]), utf16_length(text[start:end])
                matches.append({
                    "message": message, "shortMessage": "", "offset": offset, "length": size,
                    "replacements": [{"value": r} for r in replacements],
                    "context": {"text": text, "offset": offset, "length": size}, "sentence": text,
                    "rule": {"id": rule_id, "description": message, "issueType": "grammar",
                             "category": {"id": "GRAMMAR", "name": "Grammar"}},
                })
        self._send({"software": {"name": "stand-in"}, "language": {"code": "en-US"}, "matches": matches})


class StandInLanguageTool:
    """Context manager: a stand-in server on 127.0.0.1 and a free port; `.url` is its address."""

    def __enter__(self):
        _Handler.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def requests(self):
        return _Handler.requests

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

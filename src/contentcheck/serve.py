"""`contentcheck serve`: a local review page for editors who never open a terminal, and a small HTTP
API for other tools, over the same engine and JSON report as the command line.

Built on the standard library's http.server: one user on their own machine needs three routes, not
a framework, and nothing more to install. It serves one request at a time (rule objects keep
per-process caches that are not shared between threads), binds 127.0.0.1 unless told otherwise,
loads no asset from elsewhere, and never reads a file: the page sends the text an editor pasted or
opened. The article is shown only inside the HTML report, which escapes it, in a sandboxed frame.

    GET  /                 the page
    POST /api/check        {"text", "filename", "audience", "genre"} -> the JSON report
    POST /api/review       the same -> {"token", "summary", "fixes"}; GET /report/<token> is its HTML report
    POST /api/fix          the same (+ "unsafe") -> {"text": the fixed text, "fixes": how many applied}
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from collections import OrderedDict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from importlib import resources
from ipaddress import ip_address
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from .api import check_paths
from .config import LANGUAGETOOL_ENV, languagetool_settings
from .errors import ContentcheckError
from .fixes import apply_fixes
from .options import Options
from .registry import render
from .report import Report, counted

MAX_REQUEST_BYTES = 2 * 1024 * 1024  # 2 MiB of JSON: a 300,000-word draft; more is a 413
DISCARD_LIMIT = 8 * MAX_REQUEST_BYTES  # a body over the limit but under this is read and thrown away
KEPT_REPORTS = 32  # HTML reports kept for the page's frame and downloads, newest first
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; "
               "img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
# the report's own inline script and style run in a sandboxed frame with an opaque origin
REPORT_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'"
ASSETS = {"/": ("page.html", "text/html; charset=utf-8"), "/app.js": ("app.js", "text/javascript; charset=utf-8"),
          "/app.css": ("app.css", "text/css; charset=utf-8")}


class RequestError(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


def _asset(name: str) -> bytes:
    return resources.files("contentcheck").joinpath("serve_assets").joinpath(name).read_bytes()


def draft_name(value: Any) -> str:
    """The draft's file name, for its format only: never a path the server would open."""
    name = str(value or "draft.md")
    name = PureWindowsPath(PurePosixPath(name).name).name
    return name or "draft.md"


def review(request: dict[str, Any]) -> Report:
    """Check the draft a request carries, with the config of the folder the server was started in."""
    text = request.get("text")
    if not isinstance(text, str):
        raise RequestError(HTTPStatus.BAD_REQUEST, "'text' must be a string")
    settings = languagetool_settings(os.environ.get(LANGUAGETOOL_ENV)) + tuple(
        (key, request[key]) for key in ("audience", "genre") if request.get(key))
    options = Options(stdin=text.encode("utf-8"), stdin_filename=draft_name(request.get("filename")),
                      settings=settings, jobs=1)
    try:
        return check_paths(["-"], options=options)
    except ContentcheckError as exc:
        raise RequestError(HTTPStatus.BAD_REQUEST, str(exc)) from None


class Reports:
    """The last few HTML reports, under tokens nobody can guess."""

    def __init__(self) -> None:
        self._kept: OrderedDict[str, str] = OrderedDict()

    def add(self, html: str) -> str:
        token = secrets.token_urlsafe(16)
        self._kept[token] = html
        while len(self._kept) > KEPT_REPORTS:
            self._kept.popitem(last=False)
        return token

    def get(self, token: str) -> str | None:
        return self._kept.get(token)


class ReviewHandler(BaseHTTPRequestHandler):
    server_version = "contentcheck-serve"
    reports: Reports  # set on the class by make_server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows the address, not every request

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path in ASSETS:
            name, kind = ASSETS[path]
            self._send(HTTPStatus.OK, _asset(name), kind, policy=PAGE_POLICY)
        elif path.startswith("/report/"):
            html = self.reports.get(path.removeprefix("/report/"))
            if html is None:
                self._send_json(HTTPStatus.NOT_FOUND, {"error": "no such report (the server keeps the last "
                                                                f"{KEPT_REPORTS})"})
                return
            extra = {"Content-Disposition": "attachment; filename=contentcheck-review.html"} \
                if query == "download=1" else {}
            self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8", policy=REPORT_POLICY,
                       extra=extra)
        else:
            self._send_json(HTTPStatus.NOT_FOUND, {"error": f"no page at {path}"})

    def do_POST(self) -> None:
        try:
            request = self._json_body()
            if self.path == "/api/check":
                self._send(HTTPStatus.OK, render(review(request), "json").encode("utf-8"), "application/json")
            elif self.path == "/api/review":
                report = review(request)
                token = self.reports.add(render(report, "html"))
                summary = report.summary()
                fixes = sum(1 for result in report.files for finding in result.findings
                            if finding.fix and finding.fix.get("applicability") != "unsafe")
                self._send_json(HTTPStatus.OK, {
                    "token": token, "fixes": fixes,
                    "summary": f"{counted(summary['findings'], 'finding')}: {counted(summary['errors'], 'error')}, "
                               f"{counted(summary['warnings'], 'warning')}, {counted(summary['infos'], 'info')}"})
            elif self.path == "/api/fix":
                [result] = list(review(request).files)
                fixed, applied = apply_fixes(request["text"], result.findings, unsafe=bool(request.get("unsafe")))
                self._send_json(HTTPStatus.OK, {"text": fixed, "fixes": applied})
            else:
                raise RequestError(HTTPStatus.NOT_FOUND, f"no API at {self.path}")
        except RequestError as exc:
            self._send_json(exc.status, {"error": str(exc)})

    def _json_body(self) -> dict[str, Any]:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise RequestError(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
        if int(length) > MAX_REQUEST_BYTES:
            self._discard(int(length))
            raise RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"request of {int(length):,} bytes is over the limit of {MAX_REQUEST_BYTES:,}")
        try:
            data = json.loads(self.rfile.read(int(length)).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RequestError(HTTPStatus.BAD_REQUEST, f"the body is not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise RequestError(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
        return data

    def _discard(self, length: int) -> None:
        """Read a body too large to use, so the client, still sending, gets the 413 rather than a
        broken pipe; one far too large is not read, and the connection closes."""
        self.close_connection = True
        if length > DISCARD_LIMIT:
            return
        while length > 0 and (chunk := self.rfile.read(min(length, 1 << 16))):
            length -= len(chunk)

    def _send_json(self, status: HTTPStatus, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data).encode("utf-8"), "application/json")

    def _send(self, status: HTTPStatus, body: bytes, kind: str, policy: str | None = None,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def make_server(host: str, port: int) -> HTTPServer:
    handler = type("Handler", (ReviewHandler,), {"reports": Reports()})
    return HTTPServer((host, port), handler)


def is_loopback(host: str) -> bool:
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def main(host: str, port: int) -> None:
    server = make_server(host, port)
    address = f"http://{host}:{server.server_port}/"
    print(f"contentcheck review page at {address} (Ctrl+C stops it)", flush=True)
    if not is_loopback(host):
        print(f"warning: {host} is not this machine alone: anyone who can reach it can send text to check",
              file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

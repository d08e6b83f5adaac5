"""`contentcheck serve`: the review page in a real browser (Debian's chromium through Playwright)
and the HTTP API with real requests, against the server running in its own process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from contentcheck.serve import MAX_REQUEST_BYTES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SEED = ("# Spinal decompression at Springfield Spine\n\n"
        "Our gentle table stretches the spine. And if you're looking for lasting relief, "
        "And if you're looking for lasting relief, contact us today.\n\n"
        "<script>document.title = 'pwned'</script>\n")
REPEAT = "And if you're looking for lasting relief"


@pytest.fixture
def server(tmp_path):
    """The server on a free port, started in an empty folder (no config but its own)."""
    process = subprocess.Popen([sys.executable, "-m", "contentcheck", "serve", "--port", "0"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert "http://127.0.0.1:" in line, process.stderr.read()
    yield line.split(" at ")[1].split()[0]
    process.terminate()
    process.wait(timeout=10)


def post(url: str, body: bytes, content_type: str = "application/json") -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_api_returns_the_json_report_of_the_command_line(server, tmp_path):
    draft = {"text": SEED, "filename": "spine.md", "genre": "marketing"}
    status, report = post(server + "api/check", json.dumps(draft).encode())
    assert status == 200 and report["schema_version"] >= 3
    [result] = report["files"]
    assert result["path"] == "spine.md" and result["facts"]["genre"] == "marketing"
    (tmp_path / "spine.md").write_text(SEED)
    command_line = subprocess.run([sys.executable, "-m", "contentcheck", "check", "--no-cache", "--format", "json",
                                   "--genre", "marketing", "spine.md"], cwd=tmp_path, capture_output=True, text=True)
    assert [f["rule"] for f in result["findings"]] == \
        [f["rule"] for f in json.loads(command_line.stdout)["files"][0]["findings"]]


def test_fix_removes_the_repeat_and_keeps_the_rest(server):
    status, fixed = post(server + "api/fix", json.dumps({"text": SEED, "filename": "spine.md"}).encode())
    assert status == 200 and fixed["fixes"] == 1
    assert fixed["text"] == SEED.replace(REPEAT + ", " + REPEAT, REPEAT)


@pytest.mark.parametrize("body, status, message", [
    (b"not json", 400, "not JSON"),
    (b'["a list"]', 400, "JSON object"),
    (b'{"text": 3}', 400, "'text' must be a string"),
    (b'{"text": "x", "genre": "newz"}', 400, "did you mean 'news'"),
])
def test_bad_requests_get_a_clear_error(server, body, status, message):
    got, answer = post(server + "api/check", body)
    assert got == status and message in answer["error"]


def test_a_request_over_the_limit_gets_413_and_the_server_keeps_serving(server):
    too_big = json.dumps({"text": "word " * (MAX_REQUEST_BYTES // 5 + 10)}).encode()
    status, answer = post(server + "api/check", too_big)
    assert status == 413 and "over the limit" in answer["error"]
    status, report = post(server + "api/check", json.dumps({"text": "Walk every day."}).encode())
    assert status == 200 and report["files"][0]["error"] is None


def test_the_file_name_picks_the_format_and_never_a_path_to_read(server):
    status, report = post(server + "api/check", json.dumps({"text": "# Title\n\nText.\n",
                                                             "filename": "../../etc/passwd.md"}).encode())
    assert status == 200 and report["files"][0]["path"] == "passwd.md"


def test_the_page_loads_nothing_from_elsewhere(server):
    with urllib.request.urlopen(server, timeout=10) as response:
        page = response.read().decode()
        policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "http://" not in page and "https://" not in page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_an_editor_pastes_a_draft_sees_the_review_fixes_it_and_downloads_the_report(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(accept_downloads=True)
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
        page.goto(server)
        page.fill("#text", SEED)
        review = page.frame_locator("#review")
        review.locator("mark").first.wait_for(timeout=15000)
        assert REPEAT in review.locator("mark.cat-duplicate").first.inner_text()
        assert page.title() == "contentcheck: review a draft"  # the draft's script never ran
        assert "can be fixed safely" in page.locator("#status").inner_text()

        page.click("#fix")  # (expect polls from Playwright's side: the page's CSP forbids evaluating strings)
        expect(page.locator("#text")).to_have_value(SEED.replace(REPEAT + ", " + REPEAT, REPEAT), timeout=15000)
        expect(page.locator("#status")).to_contain_text("finding", timeout=15000)
        expect(page.locator("#fix")).to_be_disabled()

        with page.expect_download() as download:
            page.click("#download-html")
        saved = tmp_path / "review.html"
        download.value.save_as(saved)
        html = saved.read_text()
        assert "contentcheck review" in html and "&lt;script&gt;document.title" in html
        browser.close()
    assert outside == []

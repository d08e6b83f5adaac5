"""The HTML review report in a real browser: Debian's chromium driven by Playwright.

Playwright's own browser download cannot run here, so it launches /usr/bin/chromium
(.ci/run installs it when missing). The test is skipped only when no chromium exists at all.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


def write_report(tmp_path, *paths):
    out = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "contentcheck", "check", *paths, "--format", "html", "--output", str(out)],
                   cwd=ROOT, check=False)
    return out


def test_single_article_highlights_claims_and_click_to_scroll(browser, tmp_path):
    report = write_report(tmp_path, "samples/spine-clinic-promo.md")
    page = browser.new_page(viewport={"width": 1200, "height": 700})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    assert all(url.startswith("file://") for url in requests)  # self-contained: nothing from the network
    assert page.locator("mark.cat-promotional").count() >= 10
    assert page.locator("mark.cat-claim").count() >= 1
    rows = page.locator("table.claims tr")
    assert rows.count() == 6 and "Spinal decompression" in rows.nth(2).inner_text()
    assert page.locator(".verdict").first.inner_text() == "blocked"  # it promises a cure and sells
    last = page.locator("ol.findings a.jump").last
    target = last.get_attribute("href")[1:]
    assert page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target) > 700
    last.click()
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target)
    assert 0 <= top <= 700  # scrolled into view
    assert page.locator(f"#{target}").get_attribute("class").endswith("active")
    popup = page.locator("#popup")
    rule = last.locator(".rule").inner_text().split()[0]  # the message first, then the rule id, small
    assert popup.is_visible() and rule in popup.inner_text()


def test_folder_report_index_filter_and_sections(browser, tmp_path):
    report = write_report(tmp_path, "samples")
    page = browser.new_page()
    page.goto(report.as_uri())
    rows = page.locator("table.index tr[data-search]")
    assert rows.count() == 8
    page.fill("#filter", "ready")
    visible = [r for r in range(8) if rows.nth(r).is_visible()]
    assert len(visible) == 4
    page.fill("#filter", "")
    page.click("table.index a[href='#file3']")
    assert page.locator("#file3").get_attribute("open") is not None


def test_every_finding_in_the_list_has_a_target_even_when_two_start_together(browser, tmp_path):
    """A superlative and an unsupported claim both start at 'The best': each link jumps, no script error."""
    article = tmp_path / "clinic.md"
    article.write_text("# Our clinic\n\nThe best clinic in town cures back pain in every patient.\n")
    report = write_report(tmp_path, str(article))
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri())
    links = page.locator("ol.findings a.jump")
    targets = [links.nth(i).get_attribute("href")[1:] for i in range(links.count())]
    starts = [page.evaluate("id => document.getElementById(id) !== null", t) for t in targets]
    assert len(targets) >= 2 and all(starts)
    for i in range(links.count()):
        links.nth(i).click()
        assert page.locator("#popup").is_visible()
        left = page.evaluate("parseFloat(document.getElementById('popup').style.left)")
        assert left >= 0  # on a phone the pop-up starts on screen
    assert errors == []


SCREENSHOTS = ROOT / "build" / "screenshots"  # written by the test run, for a reviewer to look at


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_the_seed_like_report_fits_the_screen_and_every_link_lands_on_its_highlight(browser, tmp_path, width, height):
    report = write_report(tmp_path, "samples/spine-clinic-promo.md")
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(report.as_uri())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"spine-clinic-promo-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    links = page.locator("ol.findings a.jump")
    assert links.count() >= 20
    for i in range(links.count()):
        links.nth(i).click()
        target = links.nth(i).get_attribute("href")[1:]
        mark = page.evaluate("id => { const m = document.getElementById(id).closest('mark.finding');"
                             " const r = m.getBoundingClientRect(); return [m.classList.contains('active'), r.top,"
                             " r.bottom]; }", target)
        assert mark[0] and mark[1] < height and mark[2] > 0, f"link {i} did not land on its highlight"
        box = page.locator("#popup").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"pop-up {i} is off screen"
    assert problems == []


def test_an_html_page_shows_as_its_text_and_every_link_still_lands(browser, tmp_path):
    report = write_report(tmp_path, "samples/supplement-advertorial.html")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(report.as_uri())
    text = page.locator(".source").inner_text()
    assert "JointFlex Ultra is a breakthrough supplement" in text
    assert "<" not in text and "DOCTYPE" not in text  # no tags
    links = page.locator("ol.findings a.jump")
    assert links.count() >= 10
    for i in range(links.count()):
        links.nth(i).click()
        target = links.nth(i).get_attribute("href")[1:]
        assert page.evaluate("id => document.getElementById(id).closest('mark.finding').classList.contains('active')",
                             target), f"link {i} did not land on its highlight"
    assert page.title() == "contentcheck review: 1 file"  # the page's own title and scripts never took over


def test_highlights_are_reached_by_keyboard_and_escape_closes_the_pop_up(browser, tmp_path):
    report = write_report(tmp_path, "samples/spine-clinic-promo.md")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(report.as_uri())
    for _ in range(60):  # tab from the top until a highlight has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.finding')"):
            break
    assert page.evaluate("document.activeElement.matches('mark.finding')")
    page.keyboard.press("Enter")
    assert page.locator("#popup").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#popup").is_visible()


def test_the_filter_keeps_the_findings_of_a_category_rule_or_severity(browser, tmp_path):
    report = write_report(tmp_path, "samples/spine-clinic-promo.md")
    page = browser.new_page()
    page.goto(report.as_uri())
    items = page.locator("ol.findings li")
    total = items.count()
    for query in ("promotional", "claims.unsupported", "error"):
        page.fill("#filter", query)
        shown = [items.nth(i).inner_text() for i in range(total) if items.nth(i).is_visible()]
        assert 0 < len(shown) < total, query
        assert all(query in (items.nth(i).get_attribute("data-search") or "") for i in range(total)
                   if items.nth(i).is_visible())
    page.fill("#filter", "")
    assert all(items.nth(i).is_visible() for i in range(total))


def test_an_uncited_claim_in_a_long_sentence_is_painted_as_a_claim(tmp_path):
    from contentcheck import check_paths
    from contentcheck.report import Report
    from contentcheck.reports.html import format_html

    article = tmp_path / "a.md"
    article.write_text("# Knees\n\nTaking our glucosamine tablets every morning with a glass of water rebuilds the "
                       "cartilage in your knees, so that the pain you feel when you climb the stairs at home goes "
                       "down within weeks.\n")
    result = check_paths([str(article)]).files[0]
    assert {"claims.unsupported", "readability.long-sentence"} <= {f.rule for f in result.findings}
    page = format_html(Report(files=[result]))
    assert '<mark class="finding cat-claim"' in page and "cat-readability" not in page.split("<h3>Text</h3>")[1]

"""Duplicates inside one article (--fix included) and across files checked together."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from contentcheck import Config, check_paths, check_text
from contentcheck.fixes import apply_fixes

PARAGRAPH = ("Spinal decompression is a non-surgical treatment that gently stretches the spine to take "
             "pressure off the discs and nerves, and most people need several sessions over a few weeks.")


def test_exact_duplicate_names_line_of_first_copy():
    text = "Knee pain affects many people.\n\nIt can start at any age.\n\nKnee pain affects many people.\n"
    [finding] = [f for f in check_text(text, "a.md").findings if f.rule == "duplicates.sentence"]
    assert finding.line == 5 and "line 1" in finding.message


def test_near_duplicate_reports_similarity():
    text = ("Physiotherapy can reduce knee pain for many older adults. Rest helps. "
            "Physiotherapy can reduce knee pain in most older adults.")
    [finding] = [f for f in check_text(text, "a.txt").findings if f.rule == "duplicates.near-sentence"]
    assert finding.extra["similarity"] == 0.857 and "86%" in finding.message


def test_fix_removes_only_the_copy_and_is_idempotent():
    text = ("# Title\n\nKnee pain affects many people. It can start at any age. Knee pain affects many people.\n\n"
            "And if you want relief from the pain, and if you want relief from the pain, call us.\n")
    result = check_text(text, "a.md", Config(select=["duplicates"]))
    fixed, applied = apply_fixes(text, result.findings)
    assert applied == 2
    assert fixed == ("# Title\n\nKnee pain affects many people. It can start at any age.\n\n"
                     "And if you want relief from the pain, call us.\n")
    again = check_text(fixed, "a.md", Config(select=["duplicates"]))
    assert apply_fixes(fixed, again.findings) == (fixed, 0)


def test_near_duplicates_have_no_automatic_fix():
    text = ("Physiotherapy can reduce knee pain for many older adults. "
            "Physiotherapy can reduce knee pain in most older adults.")
    result = check_text(text, "a.txt", Config(select=["duplicates"]))
    assert result.findings and all(f.fix is None for f in result.findings)


def test_cli_fix_writes_atomically_keeps_mode_and_diff_writes_nothing(tmp_path):
    post = tmp_path / "post.md"
    original = "Rest helps a lot with pain.\n\nSleep well. Rest helps a lot with pain.\n"
    post.write_text(original)
    os.chmod(post, 0o640)
    command = [sys.executable, "-m", "contentcheck", "check", str(post), "--select", "duplicates"]
    diff = subprocess.run(command + ["--diff"], capture_output=True, text=True)
    assert diff.returncode == 1 and "-Sleep well. Rest helps a lot with pain." in diff.stdout  # 1: it would change
    assert post.read_text() == original
    fixed = subprocess.run(command + ["--fix"], capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stdout
    assert post.read_text() == "Rest helps a lot with pain.\n\nSleep well.\n"
    assert os.stat(post).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]  # no temporary file left behind


def test_stdin_fix_writes_the_fixed_text_to_stdout_and_nothing_to_disk(tmp_path):
    """An editor's filter: `:%!contentcheck check --fix -`."""
    command = [sys.executable, "-m", "contentcheck", "check", "-", "--select", "duplicates"]
    text = "Rest helps a lot with pain. Rest helps a lot with pain.\n"
    fixed = subprocess.run(command + ["--fix"], input=text, capture_output=True, text=True, cwd=tmp_path)
    assert (fixed.returncode, fixed.stdout) == (0, "Rest helps a lot with pain.\n")
    diff = subprocess.run(command + ["--diff"], input=text, capture_output=True, text=True, cwd=tmp_path)
    assert diff.returncode == 1 and "+Rest helps a lot with pain.\n" in diff.stdout
    clean = subprocess.run(command + ["--diff"], input="Rest helps.\n", capture_output=True, text=True, cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")
    assert list(tmp_path.iterdir()) == []


def test_a_copy_in_another_section_is_an_unsafe_fix(tmp_path):
    """A press release's 'Notes to editors' repeating its lead: which copy goes is the editor's call."""
    lead = "The trial enrolled 412 adults with prediabetes across six hospitals."
    text = (f"# Walking after meals\n\n{lead} Walking lowered their blood sugar.\n\nThe team will publish more.\n\n"
            f"## Notes to editors\n\n{lead}\n")
    post = tmp_path / "release.md"
    post.write_text(text)
    command = [sys.executable, "-m", "contentcheck", "check", str(post), "--select", "duplicates.sentence"]
    safe = subprocess.run(command + ["--fix"], capture_output=True, text=True)
    assert post.read_text() == text and "duplicates.sentence" in safe.stdout
    subprocess.run(command + ["--fix", "--unsafe-fixes"], capture_output=True, text=True)
    assert post.read_text().count(lead) == 1


def write_site(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return sorted(str(tmp_path / n) for n in files)


def cross_findings(report):
    return [(Path(r.path).name, f.line, f.message) for r in report.files for f in r.findings
            if f.rule == "duplicates.cross-file"]


def test_cross_file_paragraph_and_sentence_name_the_other_file(tmp_path):
    write_site(tmp_path, {
        "a.md": f"# A\n\n{PARAGRAPH}\n\nHeat packs can ease stiffness in the lower back.\n",
        "b.md": f"# B\n\nSomething else entirely about sleep.\n\n{PARAGRAPH}\n",
        "c.md": "# C\n\nHeat packs can ease stiffness in the lower back.\n",
        "d.md": "# D\n\nNothing shared with the others here at all.\n",
    })
    found = cross_findings(check_paths([str(tmp_path)]))
    assert found == [
        ("b.md", 5, f"This paragraph also appears in {tmp_path}/a.md:3 (word for word)."),
        ("c.md", 3, f"This sentence also appears in {tmp_path}/a.md:5 (word for word)."),
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_public_bodys_shared_text_is_not_reported_on_its_pages_unless_the_config_asks(tmp_path, jobs):
    agency = "---\nsource: https://www.cancer.gov/about-cancer/{}\n---\n\n# {}\n\n" + PARAGRAPH + "\n"
    write_site(tmp_path, {
        "a.md": agency.format("a", "A"),
        "b.md": agency.format("b", "B"),
        "clinic.md": "---\nsource: https://www.example-clinic.com/back\n---\n\n# Clinic\n\n" + PARAGRAPH + "\n",
        **{f"other-{n}.md": f"# Other\n\nPage {n} shares nothing with the others.\n" for n in range(8)},
    })  # three copies in eleven files: not the site's boilerplate
    # the agency's own second page shares its text by design; a clinic's copy of it is still a copy
    assert [name for name, *_ in cross_findings(check_paths([str(tmp_path)], jobs=jobs))] == ["clinic.md"]
    (tmp_path / ".contentcheck.yaml").write_text("options:\n  duplicates.cross-file:\n    public_body_severity: info\n")
    assert [name for name, *_ in cross_findings(check_paths([str(tmp_path)], jobs=jobs))] == ["b.md", "clinic.md"]


def test_cross_file_reworded_paragraph_found_by_minhash(tmp_path):
    reworded = PARAGRAPH.replace("gently stretches", "slowly stretches").replace("several sessions", "many sessions")
    write_site(tmp_path, {"a.md": PARAGRAPH + "\n", "b.md": reworded + "\n", "c.md": "Unrelated text about diet.\n"})
    [(name, _, message)] = cross_findings(check_paths([str(tmp_path)]))
    assert name == "b.md" and "a.md:1" in message and "% similar" in message


@pytest.mark.parametrize("jobs", [1, 2])
def test_reworded_paragraph_found_across_folders_whose_configs_set_other_thresholds(tmp_path, jobs):
    """Each worker bands its own file's signatures by its own rule; a file whose folder config sets another
    threshold is banded again the way the first file's were, or the two copies could never meet."""
    reworded = PARAGRAPH.replace("gently stretches", "slowly stretches").replace("several sessions", "many sessions")
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict" / ".contentcheck.yaml").write_text("options:\n  duplicates.cross-file:\n    threshold: 0.75\n")
    write_site(tmp_path,
               {"a.md": PARAGRAPH + "\n", "strict/b.md": reworded + "\n", "c.md": "Unrelated text about diet.\n"})
    [(name, _, message)] = cross_findings(check_paths([str(tmp_path)], jobs=jobs))
    assert name == "b.md" and "a.md:1" in message and "% similar" in message


def test_boilerplate_repeated_in_most_files_is_not_reported(tmp_path):
    footer = "This article is for information only and does not replace advice from your own doctor."
    files = {f"p{i}.md": f"Topic number {i} is about something different, item {i}.\n\n{footer}\n" for i in range(6)}
    write_site(tmp_path, files)
    assert cross_findings(check_paths([str(tmp_path)])) == []


def test_a_template_one_section_carries_is_boilerplate_however_large_the_site(tmp_path):
    """Five of 30 files (17%, under boilerplate_share) carry the same 'About this summary' paragraph;
    two files sharing a paragraph are still reported."""
    template = ("About this summary: it is written and kept up to date by a board of experts who review the "
                "published research every month and change the summary when new evidence appears.")
    pasted = ("Most people with a sprained ankle can walk again within a week if they rest it, use ice and "
              "keep the foot raised above the level of the heart for the first two days.")
    files = {f"pdq{i}.md": f"Summary {i} covers its own topic, number {i}.\n\n{template}\n" for i in range(5)}
    files |= {f"post{i}.md": f"Post {i} is about another subject entirely, number {i}.\n" for i in range(23)}
    files |= {"ankle.md": f"Ankles.\n\n{pasted}\n", "sprain.md": f"Sprains.\n\n{pasted}\n"}
    write_site(tmp_path, files)
    found = cross_findings(check_paths([str(tmp_path)]))
    assert sorted(Path(path).name for path, *_ in found) == ["sprain.md"]


# a site's standard paragraph, with a sentence the long-sentence rule flags (issue 21)
TEMPLATE = ("The information in this summary was taken from the version written for health professionals, which "
            "is reviewed regularly and updated as needed by an editorial board of experts in cancer care and research.")


def _long_sentences(report) -> dict[str, int]:
    return {Path(result.path).name: sum(f.rule == "readability.long-sentence" for f in result.findings)
            for result in report.files}


@pytest.mark.parametrize("cached, spool, jobs", [(False, False, 1), (False, True, 2), (True, True, 1)])
def test_findings_in_a_template_many_files_carry_are_reported_on_its_first_copy_only(tmp_path, cached, spool, jobs):
    site = tmp_path / "site"
    site.mkdir()
    files = {f"pdq{i}.md": f"# Summary {i}\n\nSummary {i} covers its own topic, number {i}.\n\n{TEMPLATE}\n"
             for i in range(5)}
    files["own.md"] = f"# Own words\n\n{TEMPLATE.replace('experts', 'specialists')}\n"  # not the template
    write_site(site, files)
    cache = str(tmp_path / "cache") if cached else None
    for _ in range(2 if cached else 1):  # with a cache, the second run reuses the corpus stage's results
        report = check_paths([str(site)], cache_dir=cache, spool=spool, jobs=jobs)
        assert _long_sentences(report) == {"pdq0.md": 1, "pdq1.md": 0, "pdq2.md": 0, "pdq3.md": 0, "pdq4.md": 0,
                                           "own.md": 1}
        assert report.tally().findings == sum(len(r.findings) for r in report.files)  # the summary agrees


def test_text_two_files_share_keeps_its_findings_in_both(tmp_path):
    write_site(tmp_path, {"a.md": f"# A\n\n{TEMPLATE}\n", "b.md": f"# B\n\n{TEMPLATE}\n",
                          "c.md": "# C\n\nSomething else.\n"})
    report = check_paths([str(tmp_path)])
    assert _long_sentences(report) == {"a.md": 1, "b.md": 1, "c.md": 0}
    assert [name for name, *_ in cross_findings(report)] == ["b.md"]


SERIES = [f"Paragraph {name} of the screening series explains one step of the test in enough words to count as a "
          f"paragraph of its own, with the same wording on both pages of the series, number {name}."
          for name in ("one", "two", "three")]


def test_two_pages_of_a_series_get_one_finding_for_all_they_share(tmp_path):
    write_site(tmp_path, {"thyroid.md": "# Thyroid\n\n" + "\n\n".join(SERIES) + "\n",
                          "testis.md": "# Testis\n\n" + "\n\n".join(SERIES) + "\n",
                          "other.md": "# Other\n\nNothing shared here.\n"})
    found = cross_findings(check_paths([str(tmp_path)]))
    assert [(name, line) for name, line, _ in found] == [("thyroid.md", 3)]  # files go in name order
    assert found[0][2].endswith("(word for word). 2 more passages of this file also appear there.")


def test_two_shared_passages_are_each_reported(tmp_path):
    write_site(tmp_path, {"a.md": "# A\n\n" + "\n\n".join(SERIES[:2]) + "\n",
                          "b.md": "# B\n\n" + "\n\n".join(SERIES[:2]) + "\n",
                          "c.md": "# C\n\nNothing shared here.\n"})
    found = cross_findings(check_paths([str(tmp_path)]))
    assert [(name, line) for name, line, _ in found] == [("b.md", 3), ("b.md", 5)]


def test_allow_list_from_config_options(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text(
        "options:\n  duplicates.cross-file:\n    allow: ['Sign up to our newsletter for weekly health tips.']\n")
    write_site(tmp_path,
               {f"p{i}.md": f"Post {i}.\n\nSign up to our newsletter for weekly health tips.\n" for i in range(2)}
               | {f"q{i}.md": f"Other post {i} with its own words.\n" for i in range(8)})
    assert cross_findings(check_paths([str(tmp_path)])) == []


def test_single_file_check_never_imports_numpy():
    """An editor's save-and-lint of one file must not pay for the cross-file index's imports."""
    code = ("import sys; from contentcheck import check_paths; check_paths(['samples/back-pain-clean.md']); "
            "print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_lsh_banding_favours_recall_around_the_threshold():
    """The band shape decides which reworded paragraphs are ever compared: at the default threshold it
    must make nearly every pair at or above it a candidate, and few far below it."""
    from contentcheck.families.crossfile import lsh_bands

    for threshold in (0.5, 0.7, 0.9):
        bands, rows = lsh_bands(threshold, 128)
        assert bands * rows <= 128

        def candidate(similarity, rows=rows, bands=bands):
            return 1 - (1 - similarity ** rows) ** bands

        assert candidate(threshold) >= 0.8 and candidate(threshold + 0.06) >= 0.95
        assert candidate(threshold - 0.3) <= 0.1
    assert lsh_bands(0.7, 128) == (20, 6)  # 92% of pairs at 0.7 become candidates, 99% at 0.76


def test_a_repeat_inside_a_sentence_is_an_info_unless_the_config_sets_the_rules_severity():
    text = "Stretch your back every morning before work and then stretch your back every morning before bed."
    rule = "duplicates.repeated-clause"
    default = check_text(text, path="a.txt", config=Config(select=[rule])).findings
    raised = check_text(text, path="a.txt", config=Config(select=[rule], severity={rule: "error"})).findings
    assert [f.severity for f in default] == ["info"]
    assert [f.severity for f in raised] == ["error"]

"""The claims register in the report: strength, support, references, the approved-claims library."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contentcheck import Config, check_text

ARTICLE = """# Back pain

Staying active may help back pain get better sooner. Spinal decompression eliminates sciatica.
Walking reduces back pain in older adults [1].

## References

1. Example review, 2020.
"""


def register(text, config=None):
    return check_text(text, "a.md", config or Config()).claims


def test_register_lists_every_claim_with_strength_and_support():
    claims = register(ARTICLE)
    assert [(c["line"], c["strength"], c["support"]) for c in claims] == [
        (3, "hedged", "cited"), (3, "absolute", "cited"), (4, "strong", "cited")]
    assert claims[0]["references"] == ["[1]"]
    assert claims[2]["references"] == ["[1]"]  # cited inside its own sentence, not at the paragraph's start
    source_slices = [ARTICLE[c["start"]:c["end"]] for c in claims]
    assert source_slices == [c["text"] for c in claims]


def test_reference_in_a_later_sentence_is_quoted_as_written():
    [claim] = register("Headaches are common. Ibuprofen relieves migraine pain quickly (Smith et al., 2020).\n")
    assert claim["support"] == "cited" and claim["references"] == ["(Smith et al., 2020)"]


def test_uncited_paragraph_claims_are_uncited():
    claims = register("Spinal decompression eliminates sciatica. Turmeric may reduce inflammation.\n")
    assert [(c["strength"], c["support"]) for c in claims] == [("absolute", "uncited"), ("hedged", "uncited")]


@pytest.mark.parametrize("sentence, strength", [
    # "can" of the reader's ability is the promised result, not a hedge
    ("NeuroZest sharpens focus and memory instantly, so you can think faster than ever.", "absolute"),
    ("Iron tablets can turn your stools black and can make you feel sick.", "hedged"),
    # a share qualifies how many it helps, not a promise that the result lasts
    ("Our ear drops clear tinnitus in 97% of users, and the results are permanent.", "absolute"),
    ("Our ear drops clear tinnitus in 97% of users.", "strong"),
    ("This blend boosts your immune system so you never catch another cold.", "absolute"),
])
def test_strength_reads_who_can_and_what_lasts(sentence, strength):
    [claim] = register(sentence + "\n")
    assert claim["strength"] == strength


def test_approved_claim_carries_library_reference(tmp_path):
    (tmp_path / "approved.yaml").write_text(
        "claims:\n  - text: Staying active may help back pain get better sooner.\n"
        "    references: [Dahm KT et al. Cochrane 2010]\n")
    config = Config(root=tmp_path, claims_library="approved.yaml")
    [claim] = register("Staying active may help back pain to get better sooner.\n", config)
    assert claim["support"] == "approved" and claim["references"] == ["Dahm KT et al. Cochrane 2010"]
    assert claim["approved_text"] == "Staying active may help back pain get better sooner."


def test_claims_library_errors_name_file_and_line(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("claims_library: approved.yaml\n")
    (tmp_path / "approved.yaml").write_text("claims:\n  - text: Walking helps.\n")
    (tmp_path / "post.md").write_text("Walking helps back pain.\n")
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", str(tmp_path)], capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: {tmp_path}/approved.yaml:2: each approved claim needs a non-empty "
                                     "'references' list")


def test_text_report_prints_register_with_claims_flag():
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", "samples/spine-clinic-promo.md", "--claims",
                             "--select", "claim"], capture_output=True, text=True, cwd=root)
    assert "Claims register: samples/spine-clinic-promo.md" in result.stdout
    assert "absolute  uncited" in result.stdout
    plain = subprocess.run([sys.executable, "-m", "contentcheck", "check", "samples/spine-clinic-promo.md",
                            "--select", "claim"], capture_output=True, text=True, cwd=root)
    assert "Claims register" not in plain.stdout


def test_json_report_carries_claims():
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", "samples/back-pain-clean.md", "--format",
                             "json"], capture_output=True, text=True, cwd=root)
    [claim] = json.loads(result.stdout)["files"][0]["claims"]
    assert claim["support"] == "cited" and claim["strength"] == "hedged"


def test_advertorial_efficacy_claims_in_any_form_are_direct_unsupported_warnings():
    """The seed advertorial's wording: a gerund claim ('easing pressure on the nerves and encouraging
    recovery') and an efficacy adjective ('an effective treatment'), neither with a source."""
    result = check_text((Path(__file__).resolve().parents[1] / "samples" / "spine-clinic-promo.md").read_text(),
                        "spine-clinic-promo.md", Config(select=["claims"]))
    claims = {c["text"].split(",")[0]: c for c in result.claims}
    for opening in ("Each session uses a motorised table to gently stretch and lengthen the spine",
                    "It is a personalised and effective treatment for every kind of back pain."):
        claim = claims[opening]
        assert (claim["coding"], claim["support_kind"], claim["reported"]) == ("direct", "none", False)
        warned = [f for f in result.findings if f.start == claim["start"] and f.rule == "claims.unsupported"]
        assert [f.severity for f in warned] == ["warning"]


def test_a_promise_of_certainty_is_an_error_only_on_a_page_that_sells():
    promise = "Spinal decompression eliminates sciatica for good."
    selling = check_text(f"{promise}\n\nBook your session now for $99.\n", "a.txt", Config(select=["claims"]))
    leaflet = check_text(f"{promise}\n\nAsk your GP about the risks.\n", "b.txt", Config(select=["claims"]))
    assert [(f.rule, f.severity) for f in selling.findings] == [("claims.unsupported", "error")]
    assert [(f.rule, f.severity) for f in leaflet.findings] == [("claims.unsupported", "warning")]


def test_a_vocabulary_includes_other_lists_and_the_cache_key_covers_them(tmp_path):
    """`include:` reads more lists (the ICD-10-CM condition names are one); the rule declares the included
    files as data it reads, so editing one is seen by a cached run."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "_vocabulary.yaml").write_text(
        "include: [_more.yaml]\neffect_verbs: [soothe]\nhealth_terms: [colic]\n")
    (tmp_path / "house" / "_more.yaml").write_text("health_terms: [teething]\n")
    (tmp_path / "house" / "claims.yaml").write_text(
        "extends: health-claim\ncategory: claim\nstrengths: [strong]\nmessage: 'Unsourced: {claim}'\n")
    config = Config(extra_packs=[tmp_path / "house"], select=["house"])
    [rule] = [r for r in config.all_rules() if r.id == "house.claims"]
    assert str(tmp_path / "house" / "_more.yaml") in rule.data_files
    result = check_text("This gel soothes teething. It also soothes colic.", "a.txt", config)
    assert [f.text for f in result.findings] == ["This gel soothes teething.", "It also soothes colic."]

"""The hand-labelled samples: every planted promotional phrase and uncited claim is found,
and the clean, well-sourced articles raise no promotional or claim finding."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from evaluate_labels import evaluate


def test_every_planted_phrase_and_claim_found_and_no_false_alarm():
    totals = evaluate()
    assert totals["missed"] == []
    assert totals["false"] == []
    assert totals["clean_false_alarms"] == 0
    assert totals["promotional_planted"] >= 40 and totals["claims_planted"] >= 7

"""Genres: what an article is decides which rules apply and whom it is judged for (issue 21). From
front matter, the config (top level or per glob), or signs in the text, with the evidence in the report."""

import json
import subprocess
import sys

from contentcheck import Config, check_text

STUDY = ("The trial enrolled 412 adults with prediabetes. Those who walked after meals had lower blood sugar, "
         "and the results were published in a journal. Patients are advised by the authors to keep walking. ")
NEWS = ("BETHESDA, Md. — Walking for fifteen minutes after each meal lowered blood sugar in adults with prediabetes, "
        "a trial found. " + STUDY * 3 + "\"We were surprised by how large the effect was,\" said Dr. Ana Ruiz, who led "
        "the study. The team said that more work is needed. According to the authors, the trial was small.\n")
RELEASE = ("# New trial of walking after meals\n\n" + STUDY * 3 + "\n\n## Media contact\n\nJo Smith, press office, "
           "0123 456 789\n")
LEAFLET = ("---\nhealth: true\n---\n# High blood sugar\n\n"
           "Your blood sugar can rise if you skip your tablets. You may feel thirsty. "
           "According to your care plan, you check your sugar each morning. Your nurse said you can call any time. "
           "The leaflet says to drink water. Talk to your doctor if you feel unwell for more than a day.\n")


def facts(text, path="a.md", config=None):
    result = check_text(text, path, config or Config())
    return result.facts, {f.rule for f in result.findings}


def test_a_dateline_and_quoted_speech_make_a_news_story_judged_for_a_general_reader():
    found, rules = facts(NEWS, "story.txt")
    assert found["genre"] == "news" and found["audience"] == "general"
    assert found["genre_evidence"][0] == "dateline 'BETHESDA, Md. —'"
    assert "disclaimers.medical-disclaimer" not in rules  # news carries no medical disclaimer
    assert "style.passive-voice" not in rules  # "were published" is fine for a general reader


def test_research_news_with_paraphrased_attributed_speech_is_news():
    """No dateline, no quotation closed by 'said': the speakers are named around paraphrase."""
    story = ("# Walking after meals lowers blood sugar\n\nResults from a phase III trial show that walking "
             "after meals lowered blood sugar in adults with prediabetes. The effect was larger than expected, "
             "explained Ana Ruiz, MD, who led the trial. Longer follow-up is needed, the study authors wrote. "
             "The trial was small, Dr. Ruiz added, and it was done in one city.\n")
    found, _ = facts(story, "story.md")
    assert found["genre"] == "news" and found["audience"] == "general"
    assert found["genre_evidence"] == ["speech attributed to named people (3 times)"]


REPORT = ("# Salmonella infections linked to pet reptiles\n\nIn 1998, state health departments reported four cases "
          "of salmonellosis among infants whose households kept reptiles (1). Serotyping identified rare strains in "
          "each case, and the strains matched isolates from the animals (2,3). Surveillance data indicate that "
          "reptile-associated infections account for an estimated 7% of sporadic cases each year, and that "
          "transmission through indirect contact with contaminated surfaces is common among young children (4). "
          "Health-care providers should report suspected cases to their local health department.\n")


def test_a_report_with_numbered_references_and_no_you_is_for_professionals():
    found, rules = facts(REPORT)
    assert (found["genre"], found["audience"]) == ("professional", "professionals")
    assert found["genre_evidence"] == ["3 numbered references and no 'you': a report for professionals"]
    assert not any(rule.startswith("readability.") for rule in rules)  # no patient targets for a report


def test_a_plain_page_in_the_third_person_with_numbered_references_is_not_a_report():
    page = ("# Walking after meals\n\nA short walk after a meal can help lower blood sugar [1]. People with "
            "diabetes often find that ten minutes is enough [2]. The walk does not need to be fast. Many people "
            "walk with a friend or a dog, and some walk around the house when it rains [3]. It is a simple habit "
            "that costs nothing and fits into most days.\n")
    found, _ = facts(page)
    assert found["genre"] != "professional" and found["audience"] == "patients"


def test_a_genre_contentcheck_does_not_know_leaves_the_reader_to_the_text():
    found, _ = facts("---\ngenre: other\n---\n" + REPORT)
    assert (found["genre"], found["audience"]) == ("other", "professionals")
    found, _ = facts(LEAFLET.replace("health: true", "health: true\ngenre: other"))
    assert (found["genre"], found["audience"]) == ("other", "patients")


def test_a_leaflet_that_sends_you_to_your_care_team_is_patient_information():
    leaflet = ("# Mouth sores during treatment\n\nYou may get sore gums or a sore tongue. Rinse your mouth "
               "with salt water after you eat, and keep your lips moist. Talk with your health care team if the "
               "sores make it hard for you to eat or drink.\n")
    found, _ = facts(leaflet)
    assert (found["genre"], found["audience"]) == ("patient-info", "patients")


LETTER = ("Dear Ms. Rowe:\n\nThe Food and Drug Administration reviewed your website, where you sell a cream with "
          "claims such as \"cures eczema for good\" and \"order now, only $19\". The product is a drug under section "
          "201(g)(1) of the Act, 21 U.S.C. 321(g)(1), because it is intended to treat disease. It is misbranded "
          "under 21 U.S.C. 352(f)(1). Labeling requirements are set out in 21 CFR 201.5. Please reply within "
          "fifteen working days.\n\nSincerely,\nDivision of Drug Compliance\n")


def test_a_letter_that_cites_statutes_is_for_professionals_though_it_quotes_a_sales_pitch():
    found, rules = facts("---\ngenre: warning-letter\n---\n" + LETTER)
    assert (found["genre"], found["audience"]) == ("warning-letter", "professionals")
    assert not any(rule.startswith(("readability.", "plain-language.")) for rule in rules)
    found, _ = facts(LETTER)
    assert found["genre"] == "professional"
    assert found["genre_evidence"] == ["4 citations of statutes or regulations: a legal or regulatory text"]


def test_a_leaflet_that_names_one_law_is_still_for_patients():
    leaflet = LEAFLET.replace("each morning.", "each morning. Your school must help under section 504(a) of the law.")
    found, _ = facts(leaflet)
    assert (found["genre"], found["audience"]) == ("patient-info", "patients")


def test_a_leaflet_that_numbers_its_references_is_still_for_patients():
    leaflet = LEAFLET.replace("each morning.", "each morning [1].").replace("any time.", "any time [2].") \
        .replace("drink water.", "drink water [3].")
    found, _ = facts(leaflet)
    assert (found["genre"], found["audience"]) == ("patient-info", "patients")


def test_release_boilerplate_makes_a_press_release():
    found, rules = facts(RELEASE)
    assert (found["genre"], found["genre_evidence"]) == ("press-release", ["press-release wording: 'Media contact'"])
    assert "disclaimers.medical-disclaimer" not in rules


def test_a_leaflet_that_reports_what_the_care_plan_says_is_not_news():
    found, rules = facts(LEAFLET)
    assert found["genre"] == "patient-info" and found["audience"] == "patients"
    assert "disclaimers.medical-disclaimer" in rules


def test_front_matter_and_config_name_the_genre_before_the_text_does():
    found, _ = facts("---\ngenre: News release\n" + LEAFLET.removeprefix("---\n"))
    assert (found["genre"], found["genre_evidence"]) == ("press-release", ["front matter"])
    assert found["audience"] == "general"
    config = Config(genre="marketing")
    assert facts(NEWS, "story.txt", config)[0]["genre"] == "marketing"
    assert facts("---\naudience: patients\n---\n" + NEWS, "story.md")[0]["audience"] == "patients"


def test_unknown_genre_runs_every_rule():
    found, rules = facts("---\nhealth: true\n---\n# Knees\n\nRest helps knee pain, and ice helps too.\n")
    assert found["genre"] is None and found["genre_evidence"] == []
    assert "disclaimers.medical-disclaimer" in rules


def test_genre_per_glob_from_the_config_and_in_the_json_report(tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("overrides:\n  - files: ['news/**']\n    genre: news\n")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(LEAFLET)
    (tmp_path / "b.md").write_text(LEAFLET)
    result = subprocess.run([sys.executable, "-m", "contentcheck", "check", ".", "--format", "json", "--no-cache"],
                            capture_output=True, text=True, cwd=tmp_path)
    report = json.loads(result.stdout)
    by_name = {f["path"].split("/")[-1]: f for f in report["files"]}
    news = by_name["a.md"]["facts"]
    assert (news["genre"], news["genre_evidence"]) == ("news", ["configuration"])
    assert by_name["b.md"]["facts"]["genre"] == "patient-info"
    assert report["schema_version"] == 4


CLAIM = "Walking for fifteen minutes after each meal lowers blood sugar in adults with prediabetes."


def test_a_news_story_that_names_its_study_supports_the_results_it_reports():
    story = NEWS + "\nThe results were published in The Lancet.\n\nThe team's message is simple. " + CLAIM + "\n"
    result = check_text(story, "story.txt", Config(select=["claims"]))
    assert result.facts["genre"] == "news"
    assert [f.rule for f in result.findings if f.rule == "claims.unsupported"] == []
    assert any(c["text"] == CLAIM and c["support_kind"] == "attributed" for c in result.claims)


def test_the_same_claim_on_a_page_of_unknown_genre_is_still_unsupported():
    result = check_text(f"# Walking after meals\n\n{CLAIM}\n", "page.md", Config(select=["claims"]))
    assert result.facts["genre"] is None
    assert [(f.rule, f.text) for f in result.findings] == [("claims.unsupported", CLAIM)]


def test_research_news_without_a_dateline_leads_with_the_study_it_reports():
    story = ("# Aspirin Lowers Colon Cancer Risk in Lynch Syndrome\n\nResults of a trial published in The Lancet "
             "show that daily aspirin lowered the number of colon cancers in people with Lynch syndrome. "
             + STUDY * 2 + "The benefit appeared after five years, the investigators noted.\n")
    found, _ = facts(story, "story.md")
    assert found["genre"] == "news" and found["genre_evidence"][0].startswith("reports a study 'published in'")


def test_a_leaflet_that_cites_a_publication_further_down_is_not_news():
    leaflet = ("# Gerson therapy\n\nThe Gerson therapy is a diet some people try. It is based on juices.\n\n"
               "It is described in many books.\n\nIt has no proven benefit.\n\nSome clinics offer it.\n\n"
               "A case series was published in a journal in 1959, according to the board.\n")
    assert facts(leaflet, "gerson.md")[0]["genre"] is None


def test_hype_in_a_news_story_is_an_info_and_a_config_severity_still_wins():
    story = NEWS + "\nThe new drug is a game-changer and the best treatment ever made.\n"
    hype = [f for f in check_text(story, "story.txt", Config(select=["promotional"])).findings]
    assert hype and {f.severity for f in hype} == {"info"}
    on_a_page = check_text("# Offer\n\nThe new drug is the best treatment ever made.\n", "page.md",
                           Config(select=["promotional"])).findings
    assert "warning" in {f.severity for f in on_a_page}
    forced = check_text(story, "story.txt", Config(select=["promotional"],
                                                   severity={"promotional.superlatives": "error"})).findings
    assert "error" in {f.severity for f in forced}


def test_news_has_its_own_grade_target_unless_an_audience_is_set():
    hard = ("Investigators characterized postprandial glycemic excursions using continuous glucose monitoring "
            "technology throughout the intervention. ")
    story = NEWS + hard * 6
    news = check_text(story, "story.txt", Config(select=["readability.grade-level"])).findings
    assert [f.message for f in news] == ["Reads at grade 13.6 (Flesch-Kincaid); the target for news is grade 12."]
    general = check_text("---\naudience: general\n---\n" + story, "story.md",
                         Config(select=["readability.grade-level"])).findings
    assert [f.message for f in general] == ["Reads at grade 13.6 (Flesch-Kincaid); the target for general is grade 10."]


def test_the_end_mark_of_a_release_in_a_text_file():
    found, _ = facts("New trial of walking after meals\n\n" + STUDY * 3 + "\n\n###\n", "release.txt")
    assert found["genre"] == "press-release"
    assert facts("Rest helps knee pain. We use ### as a divider in notes.\n", "notes.txt")[0]["genre"] is None

"""Write N synthetic health articles (~800 words of Markdown each) for benchmarks. Deterministic.

Each article has front matter, headings, paragraphs, a list, a table and links. About 5% share
a paragraph with an earlier article (some reworded), 2% repeat a sentence inside themselves, a
few carry promotional phrases, and every article ends with the same footer (boilerplate).

    python benchmarks/generate_corpus.py 1000 benchmarks/corpus-1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CONDITIONS = ["back pain", "knee pain", "migraine", "asthma", "eczema", "type 2 diabetes", "high blood pressure",
              "insomnia", "acid reflux", "hay fever", "gout", "sciatica", "anaemia", "psoriasis", "tinnitus"]
TREATMENTS = ["physiotherapy", "regular walking", "a heat pad", "paracetamol", "ibuprofen", "stretching",
              "cognitive behavioural therapy", "a food diary", "an inhaler", "moisturiser", "more sleep",
              "less caffeine", "weight loss", "yoga", "a saline spray"]
PEOPLE = ["many adults", "older people", "children", "people who work at a desk", "pregnant women",
          "people with arthritis", "athletes", "shift workers", "teenagers", "most people"]
VERBS = ["may ease", "can help with", "often reduces", "might improve", "is sometimes used for",
         "may lower the risk of"]
TIMES = ["within a few weeks", "over several months", "after a few days", "in the long term", "by the next season"]
ADVICE = ["Talk to your GP", "Ask a pharmacist", "Keep a symptom diary", "Rest when you need to",
          "Drink plenty of water", "Avoid known triggers", "Take breaks from screens", "Sleep at regular times"]
PROMO = ["Our clinic offers the best care in town.", "Book now while the offer lasts.",
         "This treatment is guaranteed to work.", "Thousands of satisfied patients agree."]
FOOTER = ("This article is for information only and does not replace advice from your doctor. "
          "Sign up to our newsletter for weekly health tips.")


def sentence(rng: random.Random) -> str:
    pattern = rng.randrange(4)
    condition, treatment = rng.choice(CONDITIONS), rng.choice(TREATMENTS)
    share = rng.randint(5, 95)
    if pattern == 0:
        return (f"For about {share}% of {rng.choice(PEOPLE)}, {treatment} {rng.choice(VERBS)} {condition} "
                f"{rng.choice(TIMES)}.")
    if pattern == 1:
        return (f"{rng.choice(ADVICE)} if {condition} lasts {rng.randint(2, 12)} weeks, or sooner if it wakes you "
                f"{rng.randint(2, 7)} nights in {share}.")
    if pattern == 2:
        return (f"A study of {rng.randint(40, 4000)} {rng.choice(PEOPLE)} found that {treatment} "
                f"{rng.choice(VERBS)} {condition} ([source](https://example.org/study/{rng.randint(1, 99999)})).")
    return (f"Symptoms of {condition} differ, and {share} in 100 {rng.choice(PEOPLE)} notice changes "
            f"{rng.choice(TIMES)}.")


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def article(index: int, rng: random.Random, shared: list[str]) -> str:
    condition = rng.choice(CONDITIONS)
    parts = [f"---\ntitle: \"Living with {condition}, part {index}\"\nauthor: Writer {index % 37}\n"
             f"date: 2026-{1 + index % 12:02d}-{1 + index % 28:02d}\n---\n",
             f"# Living with {condition}, part {index}\n"]
    for section in ("What it is", "What helps", "When to get help"):
        parts.append(f"## {section}\n")
        for _ in range(3):
            parts.append(paragraph(rng, rng.randint(5, 6)) + "\n")
    parts.append("\n".join(f"- {rng.choice(ADVICE)} about {rng.choice(TREATMENTS)}." for _ in range(4)) + "\n")
    parts.append("| Option | How often |\n|---|---|\n" + "\n".join(
        f"| {rng.choice(TREATMENTS)} | {rng.randint(1, 4)} times a day |" for _ in range(3)) + "\n")
    if shared and rng.random() < 0.05:
        copied = rng.choice(shared)
        if rng.random() < 0.5:
            copied = copied.replace(" may ", " might ", 1).replace(" can ", " could ", 1)
        parts.insert(4, copied + "\n")
    if rng.random() < 0.02:
        repeated = sentence(rng)
        parts.insert(5, f"{repeated} {sentence(rng)} {repeated}\n")
    if rng.random() < 0.1:
        parts.insert(6, " ".join(rng.sample(PROMO, 2)) + "\n")
    if len(shared) < 50:
        shared.append(paragraph(rng, 4))
    parts.append(FOOTER + "\n")
    return "\n".join(parts)


def generate(count: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shared: list[str] = []
    for index in range(count):
        sub = folder / f"section-{index // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article-{index:05d}.md").write_text(article(index, rng, shared), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.count, args.folder, args.seed)


if __name__ == "__main__":
    main()

"""Each letter's words, kept with each generation: what misspellings are put right to."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from qa.core.models import Letter

# Each letter's words, kept with each generation so that an update reads only new letters'.
WORDS = "words.json"


# Runs of a-z in plain lower case: not text.py's folding (NFKC, digits kept), on purpose.
# Each generation's words.json holds words read this way and an update reuses it for unchanged
# letters, so a different folding would mix two kinds of word in one count.
_WORD = re.compile(r"[a-z]+")


def letter_words(letter: Letter) -> str:
    """Return the distinct words of the letter's passages (lower case), space-separated."""
    text = "\n".join(p.text for p in letter.passages).lower()
    return " ".join(sorted(set(_WORD.findall(text))))


def save_words(folder: Path, letters: list[Letter], before: Path | None) -> None:
    """Write each letter's words into folder, reusing those in the generation in before."""
    known: dict[str, str] = {}
    if before is not None and (before / WORDS).exists():
        known = json.loads((before / WORDS).read_text(encoding="utf-8"))
    words = {x.sha256: known.get(x.sha256) or letter_words(x) for x in letters}
    (folder / WORDS).write_text(json.dumps(words), encoding="utf-8")


def read_word_counts(folder: Path, letters: Iterable[Letter]) -> Counter[str]:
    """Return how many of the letters use each word, from the generation in folder (or,
    written before words were kept, read from the letters)."""
    saved = folder / WORDS
    stored = json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else {}
    counts: Counter[str] = Counter()
    for letter in letters:
        counts.update((stored.get(letter.sha256) or letter_words(letter)).split())
    return counts

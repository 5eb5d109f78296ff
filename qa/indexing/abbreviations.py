"""Abbreviations the letters define ("independent reviewing officers (IROs)") and write alone
afterwards ("IRO capacity is a challenge"): mined from the letters, spelt out for matching."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from qa.core.text import folded_words

# An abbreviation as letters print it: two to nine letters starting with a capital and
# holding at least one more ("IRO", "CiCC", "DfE", "H&WB"), a plural "s" or possessive "'s"
# allowed after it.
_SHORT = r"[A-Z][A-Za-z&]{0,7}[A-Z]"
_DEFINED = re.compile(rf"\((?:the\s+)?({_SHORT})(?:s|['’]s)?\)")
_USED = re.compile(rf"(?<![\w&])({_SHORT})(?:s|['’]s)?(?![\w&])")
_WORD = re.compile(r"[\w’']+")
# Words a long form may hold without a letter of its own in the abbreviation.
_SMALL = frozenset("a an and as at by for from in of on or the to with".split())
# Defined in this many letters, an abbreviation is the field's, not one letter's.
CORPUS_LETTERS = 2
FILE = "abbreviations.json"


def _initials(short: str) -> str:
    return "".join(ch.lower() for ch in short if ch.isalpha())


def _long_form(before: str, short: str) -> str | None:
    """Return the words just before "(short)" that spell it out, or None.

    First by initials: each word gives the abbreviation's next letter, a small word ("and",
    "of") may give none ("Department for Education (DfE)"). Failing that, by Schwartz and
    Hearst's rule (2003), letters matched right to left inside the words, each word but a
    small one still giving a letter in order — and then only over as many words as letters
    less one, so that "the response of the MASH" never defines MASH."""
    letters = _initials(short)
    words = [w.lower() for w in _WORD.findall(before.replace("-", " "))]
    words = words[-min(len(letters) + 5, len(letters) * 2) :]
    count = _by_initials(words, letters)
    if count is None:
        count = _by_letters(words, letters)
    if count is None:
        return None
    # The long form as printed, hyphens and capitals included.
    printed = re.findall(r"[\w’'-]+", before)
    return " ".join(printed[-_printed_count(printed, count) :]).strip("’'")


def _by_initials(words: list[str], letters: str) -> int | None:
    """Return how many of the last words spell letters by their initials, or None."""

    def start(left: int, end: int) -> int | None:
        if left == 0:
            return end
        if end == 0:
            return None
        word = words[end - 1]
        if word[0] == letters[left - 1] and (left > 1 or word not in _SMALL):
            found = start(left - 1, end - 1)
            if found is not None:
                return found
        return start(left, end - 1) if word in _SMALL else None

    first = start(len(letters), len(words))
    return None if first is None else len(words) - first


def _by_letters(words: list[str], letters: str) -> int | None:
    """Return how many of the last words hold letters in order (Schwartz and Hearst), or
    None."""
    text = " ".join(words)
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        while position >= 0 and (
            text[position] != letters[index]
            or (index == 0 and position > 0 and text[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        position -= 1
    found = text[text.rfind(" ", 0, position + 1) + 1 :].split()
    if found[0] in _SMALL or len(found) < max(2, len(letters) - 1):
        return None
    return len(found) if _each_word_counts(found, letters) else None


def _each_word_counts(words: list[str], letters: str) -> bool:
    """Return True when every word outside _SMALL starts with one of the letters, in order."""
    remaining = letters
    for word in words:
        if word in _SMALL:
            continue
        at = remaining.find(word[0])
        if at < 0:
            return False
        remaining = remaining[at + 1 :]
    return True


def _printed_count(printed: list[str], words: int) -> int:
    """Return how many printed (hyphenated) words hold the last `words` words."""
    count = total = 0
    for token in reversed(printed):
        count += 1
        total += len([w for w in token.split("-") if w])
        if total >= words:
            break
    return count


def definitions(texts: Iterable[str]) -> dict[str, str]:
    """Return each abbreviation texts define with its long form, the first definition kept."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _DEFINED.finditer(text):
            short = match.group(1)
            if short in found:
                continue
            long = _long_form(text[: match.start()], short)
            if long and folded_words(long) != folded_words(short):
                found[short] = long
    return found


@dataclass(frozen=True)
class Abbreviations:
    """The abbreviations of a set of letters, each with the long form most letters give it."""

    long_forms: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def mine(cls, letters: Iterable[Iterable[str]]) -> Abbreviations:
        """Learn from letters (each the texts of its passages) the abbreviations defined in
        CORPUS_LETTERS letters or more, each with its commonest long form."""
        counts: dict[str, Counter[str]] = {}
        printed: dict[tuple[str, str], str] = {}
        for texts in letters:
            for short, long in definitions(texts).items():
                key = " ".join(folded_words(long))
                counts.setdefault(short, Counter())[key] += 1
                printed.setdefault((short, key), long.lower())
        long_forms = {}
        for short, forms in sorted(counts.items()):
            if sum(forms.values()) >= CORPUS_LETTERS:
                best = max(forms.items(), key=lambda item: (item[1], -len(item[0])))[0]
                long_forms[short] = printed[(short, best)]
        return cls(long_forms)

    def within(self, texts: Iterable[str]) -> Abbreviations:
        """Return these abbreviations with a letter's own definitions (from its texts) over
        the corpus's."""
        local = {short: long.lower() for short, long in definitions(texts).items()}
        return Abbreviations({**self.long_forms, **local}) if local else self

    def spell_out(self, text: str) -> str:
        """Return text with each abbreviation's long form after its first use, and the
        abbreviations of long forms it writes in full appended: "IRO (independent reviewing
        officer) capacity…". Each is added once, and never where the text has both."""
        written = self._written_in_full(text)
        added: set[str] = set()

        def expand(match: re.Match[str]) -> str:
            short = match.group(1)
            long = self.long_forms.get(short)
            if long is None or short in added or short in written:
                return match.group(0)
            added.add(short)
            return f"{match.group(0)} ({long})"

        spelt = _USED.sub(expand, text)
        used = {match.group(1) for match in _USED.finditer(text)}
        shorts = sorted(written - used)
        return f"{spelt} ({', '.join(shorts)})" if shorts else spelt

    def glosses(self, text: str) -> list[tuple[str, str]]:
        """Return (as written, meaning) for each abbreviation text uses, with its long form,
        and each long form it writes, with its abbreviation; those it has both ways left out."""
        written = self._written_in_full(text)
        used = {
            m.group(1): m.group(0) for m in _USED.finditer(text) if m.group(1) in self.long_forms
        }
        return [
            (as_written, self.long_forms[short])
            for short, as_written in used.items()
            if short not in written
        ] + [(self.long_forms[short], short) for short in sorted(written - set(used))]

    def _written_in_full(self, text: str) -> set[str]:
        """Return the abbreviations whose long forms text writes."""
        words = folded_words(text)
        joined = f" {' '.join(words)} "
        return {
            short
            for first in self._phrases.keys() & set(words)
            for phrase, short in self._phrases[first]
            if phrase in joined
        }

    @cached_property
    def _phrases(self) -> dict[str, list[tuple[str, str]]]:
        """Return each long form as " folded words ", with its abbreviation, by first word."""
        by_first: dict[str, list[tuple[str, str]]] = {}
        for short, long in self.long_forms.items():
            words = _folded_phrase(long)
            if words:
                by_first.setdefault(words[0], []).append((f" {' '.join(words)} ", short))
        return by_first

    def save(self, folder: Path) -> None:
        """Write the abbreviations into folder."""
        (folder / FILE).write_text(json.dumps(dict(self.long_forms), indent=1, sort_keys=True))

    @classmethod
    def load(cls, folder: Path) -> Abbreviations:
        """Read the abbreviations written by save into folder (none from an index written
        before there were any)."""
        path = folder / FILE
        return cls(json.loads(path.read_text())) if path.exists() else cls()

    def __len__(self) -> int:
        return len(self.long_forms)


@lru_cache(maxsize=4096)
def _folded_phrase(long: str) -> tuple[str, ...]:
    return tuple(folded_words(long))

"""What a question was understood as: the authorities and years it names, a misspelt authority
put right, words no letter holds, a judgement it asks about; each said back as a notice."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from qa.core.analyser import tokenize
from qa.core.dates import find_years
from qa.core.fields import described
from qa.core.grades import GRADE_WORDS, asked_grade
from qa.core.places import AuthorityMatcher, named_places
from qa.core.text import fold
from qa.search.spelling import LazySpeller, is_english, other_language_word, words_of

# Every notice a search can give, by code.
NOTICE_CODES = (
    "authority_not_indexed",
    "authority_corrected",
    "no_known_words",
    "unknown_words",
    "scope_not_applied",
    "judgement",
    "judgement_not_found",
    "also_searched",
    "spelling_corrected",
    "not_english",
    "phrase_not_found",
    "no_answer",
)
_GRADE = rf"(?P<grade>{GRADE_WORDS})"
# "judged inadequate", "rated as outstanding", "graded good", "what got Leeds to good",
# "inadequate authorities", "an outstanding rating".
_GRADE_QUESTIONS = (
    re.compile(
        r"\b(judged|rated|graded|found|deemed|declared|assessed|judgement|judgment|rating|grade)"
        r"\s+(as\s+|to\s+be\s+|of\s+|was\s+|is\s+)?" + _GRADE,
        re.I,
    ),
    re.compile(
        r"\b(got|get|gets|getting|move[ds]?|moving|went|go|goes|improved?|rose|rise)\b"
        r".{0,40}?\bto\s+" + _GRADE,
        re.I,
    ),
    re.compile(
        _GRADE + r"\s+(authorit|council|rating|grade|judge?ment|verdict|local authorit)", re.I
    ),
    re.compile(r"\bwhy\b.{0,60}?\b(is|was|were|are|been)\s+" + _GRADE, re.I),
)
# Words a question about a judgement uses that ask about nothing else.
_JUDGEMENT_WORDS = set(
    tokenize(
        "judged rated graded found deemed declared assessed judgement judgment rating grade "
        "graded overall effectiveness why reason reasons got get gets getting moved went "
        "improved rose inspectors inspection ofsted authority council local children services"
    )
)


@dataclass(frozen=True)
class Notice:
    """Something the service tells about how it read or answered a question."""

    code: str = described(enum=list(NOTICE_CODES))
    message: str = described("For people.")


@dataclass
class Understanding:
    """The question as the search will use it."""

    authorities: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    grade: str | None = None
    # The question asks about the judgement alone ("Why was Bury judged inadequate?").
    judgement_only: bool = False
    searchable: bool = True
    notices: list[Notice] = field(default_factory=list)
    # The question as searched: misspelt words put right; for a question in another language,
    # only the words the letters hold.
    query: str = ""


def understand(
    query: str,
    authorities: AuthorityMatcher,
    knows: Callable[[str], bool],
    speller: LazySpeller | None = None,
) -> Understanding:
    """Read what query names and asks.

    Args:
        authorities: matches the names of the indexed authorities.
        knows: tells whether a stemmed word occurs in any indexed letter.
        speller: puts misspelt words right and tells English from other languages.
    """
    found = Understanding(years=find_years(query), query=query)
    found.authorities = authorities.find(query)
    place_stems, found.notices = _named_places(query, authorities)
    misspelt: set[str] = set()
    if not found.authorities and (
        corrected := _correct_misspelt_authority(query, authorities, knows)
    ):
        found.authorities = list(corrected.authorities)
        misspelt = set(corrected.stems)
        found.notices.append(corrected.notice)
    for name in found.authorities:
        place_stems.update(tokenize(name))
    if not is_english(query):
        held, notice = _searched_in_english(query, knows)
        found.query, found.searchable = " ".join(held), bool(held)
        found.notices.append(notice)
        return found
    if speller is not None:
        query, corrections = _put_right(query, speller, knows, misspelt | place_stems)
        found.query = query
        found.notices.extend(corrections)
    found.grade = _grade(query)
    # A year narrows the search; it is no word to look for.
    years = {str(year) for year in found.years}
    words = [w for w in dict.fromkeys(tokenize(query)) if w not in years]
    if found.grade:
        # The grade is answered from the letters' judgements, whatever words they use.
        asked = _JUDGEMENT_WORDS | set(tokenize(found.grade))
        found.judgement_only = not [w for w in words if w not in asked | place_stems | misspelt]
        words = [w for w in words if w not in asked]
    # A place name the letters hold is a word they contain; one put right counts as its place.
    unknown = [w for w in words if not knows(w) and w not in misspelt]
    found.searchable = not (words and len(unknown) == len(words))
    if unknown_notice := _unknown_words(query, found.searchable, unknown, place_stems):
        found.notices.append(unknown_notice)
    return found


def _named_places(query: str, authorities: AuthorityMatcher) -> tuple[set[str], list[Notice]]:
    """Return the stems of the places the question names, and a notice for each of them no
    indexed letter is about."""
    stems: set[str] = set()
    notices: list[Notice] = []
    for place in named_places(query):
        stems.update(t for name in place.names for t in tokenize(name))
        if not authorities.indexed(place):
            notices.append(
                Notice(
                    "authority_not_indexed",
                    f"No letters for {place.name} are in this index, so the results come from "
                    "the letters it holds.",
                )
            )
    return stems, notices


def _unknown_words(
    query: str, searchable: bool, unknown: list[str], places: set[str]
) -> Notice | None:
    """Return the notice of the question's words no letter uses (stems, places aside unless
    they are all it asks): that nothing was searched, or only the rest; None for none."""
    if not searchable:
        return Notice(
            "no_known_words",
            f"No letter uses {_listed(_written(query, unknown))}, so nothing was searched. "
            "Check the spelling, or ask in other words.",
        )
    if unknown := [w for w in unknown if w not in places]:
        return Notice(
            "unknown_words",
            f"No letter uses {_listed(_written(query, unknown))}; the rest of the question "
            "was searched.",
        )
    return None


def _searched_in_english(query: str, knows: Callable[[str], bool]) -> tuple[list[str], Notice]:
    """Return the words of a question in another language that the letters hold, to search it
    by, and a notice saying so."""
    held = [
        w
        for w in dict.fromkeys(words_of(query))
        if any(knows(t) for t in tokenize(w)) and not other_language_word(w)
    ]
    if held:
        listed = _listed(held).replace(" or ", " and ")
        searched = f"only its words the letters hold were searched: {listed}"
    else:
        searched = "none of its words is in them, so nothing was searched"
    notice = Notice(
        "not_english",
        f"The letters are in English and this question seems not to be; {searched}. "
        "Ask in English for a full answer.",
    )
    return held, notice


def _put_right(
    query: str, speller: LazySpeller, knows: Callable[[str], bool], skip: set[str]
) -> tuple[str, list[Notice]]:
    """Return query with each word no letter uses that misspells a word they use often put
    right, and a notice for each; skip: stems not to touch (places, an authority put right)."""
    notices: list[Notice] = []
    for word in dict.fromkeys(words_of(query)):
        stems = tokenize(word)
        if not stems or set(stems) & skip or any(knows(t) for t in stems):
            continue
        right = speller.get().correct(word)
        if right is None or not all(knows(t) for t in tokenize(right)):
            continue
        query = re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", right, query)
        notices.append(Notice("spelling_corrected", f"Searched for “{right}” instead of “{word}”."))
    return query, notices


def _grade(query: str) -> str | None:
    for pattern in _GRADE_QUESTIONS:
        if match := pattern.search(query):
            return asked_grade(match.group("grade"))
    return None


@dataclass(frozen=True)
class AuthorityCorrection:
    """The indexed authority a word of a question misspells (its names), the word's stems, and
    a notice saying what was searched instead."""

    authorities: tuple[str, ...]
    stems: tuple[str, ...]
    notice: Notice


def _correct_misspelt_authority(
    query: str, authorities: AuthorityMatcher, knows: Callable[[str], bool]
) -> AuthorityCorrection | None:
    """Return the one indexed authority a word of the question misspells ("Stockon"); None
    when no word does, or one could be several."""
    for word in dict.fromkeys(fold(query).split()):
        stems = tokenize(word)
        if not stems or knows(stems[0]) or not (names := authorities.misspelt(word)):
            continue
        written = _written(query, stems)[0]
        notice = Notice(
            "authority_corrected",
            f"Showing results for {names[0]}: no indexed authority is called “{written}”.",
        )
        return AuthorityCorrection(names, tuple(stems), notice)
    return None


def _written(query: str, stems: Sequence[str]) -> list[str]:
    """Return the words of query as the user wrote them, for the given stems."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)?", query)
    by_stem: dict[str, str] = {}
    for word in words:
        for stem in tokenize(word):
            by_stem.setdefault(stem, word)
    return [by_stem.get(stem, stem) for stem in stems]


def _listed(words: Sequence[str]) -> str:
    quoted = [f"“{w}”" for w in words]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]

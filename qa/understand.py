"""What a question was understood as: the authorities and years it names, a misspelt authority
put right, words no letter holds, a judgement it asks about; each said back as a notice."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from qa.keywords import tokenize
from qa.places import edit_distance, named_places, place_words, typo_limit
from qa.schema import described
from qa.scope import GENERIC, AuthorityMatcher, find_years, fold
from qa.spelling import LazySpeller, is_english, other_language_word, words_of

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
_GRADE = r"(?P<grade>inadequate|outstanding|good|requires? improvement)"
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
    place_stems: set[str] = set()
    for place in named_places(query):
        place_stems.update(t for name in place.names for t in tokenize(name))
        if not any(authorities.find(name) for name in place.names):
            found.notices.append(
                Notice(
                    "authority_not_indexed",
                    f"No letters for {place.name} are in this index, so the results come from "
                    "the letters it holds.",
                )
            )
    misspelt: set[str] = set()
    if not found.authorities:
        _correct_misspelt_authority(query, authorities, knows, found, misspelt)
    for name in found.authorities:
        place_stems.update(tokenize(name))
    if not is_english(query):
        _searched_in_english(query, knows, found)
        return found
    if speller is not None:
        query = found.query = _put_right(query, speller, knows, misspelt | place_stems, found)
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
    if words and len(unknown) == len(words):
        found.searchable = False
        found.notices.append(
            Notice(
                "no_known_words",
                f"No letter uses {_listed(_written(query, unknown))}, so nothing was searched. "
                "Check the spelling, or ask in other words.",
            )
        )
    elif unknown := [w for w in unknown if w not in place_stems]:
        found.notices.append(
            Notice(
                "unknown_words",
                f"No letter uses {_listed(_written(query, unknown))}; the rest of the question "
                "was searched.",
            )
        )
    return found


def _searched_in_english(query: str, knows: Callable[[str], bool], found: Understanding) -> None:
    """Search a question in another language by the words of it the letters hold, and say so."""
    held = [
        w
        for w in dict.fromkeys(words_of(query))
        if any(knows(t) for t in tokenize(w)) and not other_language_word(w)
    ]
    found.query = " ".join(held)
    found.searchable = bool(held)
    if held:
        listed = _listed(held).replace(" or ", " and ")
        searched = f"only its words the letters hold were searched: {listed}"
    else:
        searched = "none of its words is in them, so nothing was searched"
    found.notices.append(
        Notice(
            "not_english",
            f"The letters are in English and this question seems not to be; {searched}. "
            "Ask in English for a full answer.",
        )
    )


def _put_right(
    query: str,
    speller: LazySpeller,
    knows: Callable[[str], bool],
    skip: set[str],
    found: Understanding,
) -> str:
    """Return query with each word no letter uses that misspells a word they use often put
    right, each said in a notice; skip: stems not to touch (places, an authority put right)."""
    for word in dict.fromkeys(words_of(query)):
        stems = tokenize(word)
        if not stems or set(stems) & skip or any(knows(t) for t in stems):
            continue
        right = speller.get().correct(word)
        if right is None or not all(knows(t) for t in tokenize(right)):
            continue
        query = re.sub(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", right, query)
        found.notices.append(
            Notice("spelling_corrected", f"Searched for “{right}” instead of “{word}”.")
        )
    return query


def _grade(query: str) -> str | None:
    for pattern in _GRADE_QUESTIONS:
        if match := pattern.search(query):
            grade = match.group("grade").lower()
            return "requires improvement" if grade.startswith("require") else grade
    return None


def _correct_misspelt_authority(
    query: str,
    authorities: AuthorityMatcher,
    knows: Callable[[str], bool],
    found: Understanding,
    misspelt: set[str],
) -> None:
    """Narrow to the one indexed authority a word of the question misspells ("Stockon"), and
    add the word's stem to misspelt."""
    known_places = place_words()
    for word in dict.fromkeys(fold(query).split()):
        stems = tokenize(word)
        if len(word) < 5 or word in GENERIC or word in known_places or not stems:
            continue
        if knows(stems[0]):
            continue
        limit = typo_limit(word)
        close = [
            authorities.find(name)
            for key, name in authorities.name_words
            if edit_distance(word, key, limit) <= limit
        ]
        # Two spellings of one place ("Newcastle", "Newcastle upon Tyne") are one authority.
        if not close or any(not set(names) & set(close[0]) for names in close[1:]):
            continue
        found.authorities = list(dict.fromkeys(n for names in close for n in names))
        misspelt.update(stems)
        written = _written(query, stems)[0]
        found.notices.append(
            Notice(
                "authority_corrected",
                f"Showing results for {found.authorities[0]}: no indexed authority is called "
                f"“{written}”.",
            )
        )
        return


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

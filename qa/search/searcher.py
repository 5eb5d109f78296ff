"""Find the passages that answer a question: the searcher over one index generation, which
reads the question, narrows to the letters it may answer from, ranks, fuses and cites."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from qa.core.analyser import tokenize
from qa.core.errors import UnknownLetter
from qa.core.filters import LetterFilter
from qa.core.models import Citation, Hit, Letter, Passage, newest_first
from qa.core.places import AuthorityMatcher
from qa.indexing.abbreviations import Abbreviations
from qa.indexing.embed import Embedder, shared_embedder
from qa.indexing.keywords import KeywordIndex
from qa.indexing.sentences import SentenceIndex
from qa.indexing.store import Generation, read_generation, read_vectors
from qa.indexing.words import read_word_counts
from qa.reading.improvements import Improvement, read_improvements
from qa.search.answer import pick_answer, pick_highlights
from qa.search.answerable import NO_ANSWER, NOTHING_ANSWERS, answers
from qa.search.found import Found, SearchResponse
from qa.search.fusion import STANDARD_DEPTH as CANDIDATES
from qa.search.fusion import Order, distinct, recurring_texts, standard_scores
from qa.search.judged import has_grade, judgement_order, states_judgement
from qa.search.narrowing import Narrowed, letter_years, narrow
from qa.search.phrases import passages_holding, phrase_not_found, quoted_phrases
from qa.search.rankers import DenseRanker, Fusion, Question, standard_fusion
from qa.search.request import SearchRequest
from qa.search.retrievers import Retriever
from qa.search.spelling import LazySpeller
from qa.search.understand import Notice, Understanding, understand
from qa.search.vocabulary import Expansion, Vocabulary, also_searched, read_glossary

Rows = list[tuple[int, float]]


def _place_words(letters: list[Letter]) -> set[str]:
    """Return the stemmed words of the letters' authorities' names."""
    return {t for x in letters for t in tokenize(x.local_authority or "")}


def _highlighted(hits: list[Hit], terms: dict[str, float]) -> list[Hit]:
    return [replace(h, highlights=tuple(pick_highlights(h.sentences, terms))) for h in hits]


@dataclass(frozen=True)
class SearcherParts:
    """What a searcher is made of: one generation's letters, words and vectors, and how a
    search reads and ranks; handed to it whole, so that a test or a measurement can change any
    one part (a ranker, a weight, the vocabulary)."""

    generation: Generation
    # The letters' words: what a question's words are checked, matched and highlighted by.
    keywords: KeywordIndex
    # Per passage row, its stored vector (unit length).
    vectors: np.ndarray
    embedder: Embedder
    vocabulary: Vocabulary
    fusion: Fusion


def load_parts(
    index_dir: Path, embedder_for: Callable[[str], Embedder] = shared_embedder
) -> SearcherParts:
    """Read the current generation of the index in index_dir, as the service searches it.

    Raises:
        IndexMissing: there is no index there yet.
    """
    generation = read_generation(index_dir)
    dense = DenseRanker(read_vectors(generation.path))
    keywords = KeywordIndex.load(generation.path / "bm25", len(generation.keys))
    sentences = SentenceIndex.load(generation.path, len(generation.keys))
    return SearcherParts(
        generation,
        keywords,
        dense.vectors,
        embedder_for(generation.manifest.model),
        Vocabulary(Abbreviations.load(generation.path), read_glossary()),
        standard_fusion(dense, keywords, sentences),
    )


@dataclass(frozen=True)
class Ranked:
    """The best (row, score) pairs of a search, whether they answer it, and notices of how
    they were ranked."""

    top: Rows
    answered: bool
    notices: tuple[Notice, ...] = ()


class Searcher:
    """One generation of the index, loaded for searching. Immutable once built."""

    def __init__(self, parts: SearcherParts) -> None:
        self.parts = parts
        self.generation = parts.generation
        self.letters = parts.generation.letters
        self._by_id = {letter.letter_id: letter for letter in self.letters}
        self._improvements: dict[str, list[Improvement]] = {}
        owners: list[int] = []
        passages: list[Passage] = []
        for number, letter in enumerate(self.letters):
            owners.extend([number] * len(letter.passages))
            passages.extend(letter.passages)
        self._owner = np.asarray(owners, dtype=np.int32)
        self._passages = passages
        self._same_text, self._boilerplate = recurring_texts(passages, self._owner)
        self.authorities = sorted({x.local_authority for x in self.letters if x.local_authority})
        self.types = sorted({x.type for x in self.letters if x.type})
        self.authority_matcher = AuthorityMatcher(self.authorities)
        self._stating = np.asarray([states_judgement(p) for p in passages], dtype=bool)
        self._speller = LazySpeller(lambda: read_word_counts(parts.generation.path, self.letters))

    @classmethod
    def open(
        cls, index_dir: Path, embedder_for: Callable[[str], Embedder] = shared_embedder
    ) -> Searcher:
        """Load the current generation of the index in index_dir.

        Raises:
            IndexMissing: there is no index there yet.
        """
        return cls(load_parts(index_dir, embedder_for))

    @property
    def owners(self) -> np.ndarray:
        """Return, per passage row, the number of its letter in self.letters."""
        return self._owner

    @property
    def vectors(self) -> np.ndarray:
        """Return, per passage row, its stored vector (unit length; the index's own, no copy)."""
        return self.parts.vectors

    @property
    def passage_count(self) -> int:
        """Return how many passages the letters have."""
        return len(self._passages)

    def improvements(self, letter: Letter) -> list[Improvement]:
        """Return the letter's improvement points (read once per letter)."""
        points = self._improvements.get(letter.letter_id)
        if points is None:
            points = self._improvements[letter.letter_id] = read_improvements(letter)
        return points

    def letter(self, letter_id: str) -> Letter:
        """Return the letter with this id.

        Raises:
            UnknownLetter: no such letter in the index.
        """
        try:
            return self._by_id[letter_id]
        except KeyError:
            raise UnknownLetter(letter_id) from None

    def answer(self, request: SearchRequest) -> SearchResponse:
        """Return the ranked passages for a request, with highlights and answer sentences."""
        found = self.search(request)
        terms = self._question_terms(found.query or request.query, found.named_letters)
        hits = _highlighted(found.hits, terms)
        return SearchResponse(
            request.query,
            hits,
            pick_answer(hits, terms) if found.answered else [],
            found.scope,
            self.generation.name,
            found.notices,
            found.named_letters,
        )

    def search(self, request: SearchRequest) -> Found:
        """Return the top request.k hits, best first, with what the question was understood
        as: the authorities and years that narrowed it, the named authorities' letters, and
        notices of anything corrected, missing or not applied."""
        understood, expansion = self._understand(request.query)
        notices = list(understood.notices)
        searchable = understood.searchable
        allowed = self._allowed(request.filters)
        if phrases := quoted_phrases(understood.query):
            holding = passages_holding(phrases, self._passages, self.parts.keywords)
            if not holding.any():
                searchable = False
                notices.append(phrase_not_found(phrases))
            allowed = holding if allowed is None else allowed & holding
        if expansion.rewordings and searchable:
            notices.append(Notice("also_searched", also_searched(expansion.rewordings)))
        narrowed = self._narrowed(request.filters, understood, allowed)
        notices.extend(narrowed.notices)
        authorities = {request.filters.local_authority, *understood.authorities} - {None}
        named_letters = newest_first(x for x in self.letters if x.local_authority in authorities)
        allowed = narrowed.allowed
        ranked = Ranked([], True)
        if searchable and self.passage_count and (allowed is None or allowed.any()):
            question = Question(expansion, self.parts.embedder)
            ranked = self._ranked(request, question, understood, allowed, bool(phrases))
        elif not searchable and not phrases:
            # No word of the question is in the letters: nothing there answers it.
            ranked = Ranked([], False, (NOTHING_ANSWERS,))
        notices.extend(ranked.notices)
        scope = ", ".join(narrowed.scope) or None
        hits = self._hits(ranked.top)
        return Found(hits, scope, named_letters, notices, understood.query, ranked.answered)

    def passage_scores(
        self, query: str, rows: np.ndarray, named: list[Letter]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return, for the given passage rows, their scores for query as search fuses them
        (each ranking standardised over its best candidates among these rows), whether each
        holds a word of the question other than the places named (the named letters'
        authorities) or the letters' words for one, and each one's cosine with query."""
        allowed = np.zeros(self.passage_count, dtype=bool)
        allowed[rows] = True
        expansion = self.parts.vocabulary.expand(query)
        question = Question(expansion, self.parts.embedder)
        dense, keyword = (
            self.parts.fusion.rankings(question, allowed, CANDIDATES, retriever)
            for retriever in (Retriever.DENSE, Retriever.KEYWORD)
        )
        places = _place_words(named)
        asked = [t for t in tokenize(query) if t not in places]
        reworded = [t for r in expansion.rewordings for term in r.searched for t in tokenize(term)]
        holds = self.parts.keywords.token_scores(asked + reworded)[rows] > 0
        cosines = dense[0].score_of(rows) if dense else np.zeros(len(rows), dtype=np.float32)
        return standard_scores(dense + keyword, rows), holds, cosines

    def cited_hits(self, query: str, ranked: list[Rows], named: list[Letter]) -> list[list[Hit]]:
        """Return each list of (row, score) pairs as hits in that order, highlighted for
        query."""
        terms = self._question_terms(query, named)
        return [_highlighted(self._hits(top), terms) for top in ranked]

    def _understand(self, query: str) -> tuple[Understanding, Expansion]:
        """Return what the question names and asks, and it in the letters' own words."""
        vocabulary, keywords = self.parts.vocabulary, self.parts.keywords
        expansion = vocabulary.expand(query)
        # An everyday word the vocabulary reads as the letters' term is a word they know.
        reworded = set(tokenize(" ".join(r.asked for r in expansion.rewordings)))
        understood = understand(
            query,
            self.authority_matcher,
            lambda t: t in reworded or keywords.knows(t),
            self._speller,
        )
        if understood.query != query:
            expansion = vocabulary.expand(understood.query)
        return understood, expansion

    def _ranked(
        self,
        request: SearchRequest,
        question: Question,
        understood: Understanding,
        allowed: np.ndarray | None,
        quoted: bool,
    ) -> Ranked:
        """Rank and fuse the allowed passages for the question, one per text, judged letters
        first when it asks about a judgement."""
        depth = max(CANDIDATES, request.k)  # standardised as a shallow request's
        rankings = self.parts.fusion.rankings(question, allowed, depth, request.retriever)
        fused = self.parts.fusion.fuse(rankings)
        order: Order | None = None
        notices: tuple[Notice, ...] = ()
        if understood.grade:
            fused, order, notice = self._judgement_order(fused, allowed, understood)
            notices = (notice,)
        top = distinct(fused, request.k, self._same_text, self._boilerplate, order)
        # A judgement is answered by the letters' statements of it; a quoted phrase by the
        # passages holding it, which every result does.
        answered = bool(understood.grade or quoted) or answers(
            rankings, [row for row, _ in top], self.generation.manifest.model
        )
        return Ranked(top, answered, notices if answered else (*notices, NO_ANSWER))

    def _question_terms(self, query: str, named_letters: list[Letter]) -> dict[str, float]:
        """Return the question's words that some letter holds, with their weights, less the
        authority it names: a sentence naming the place answers nothing by that alone."""
        place_words = _place_words(named_letters)
        keywords = self.parts.keywords
        terms = {t: w for t, w in keywords.weights(query).items() if keywords.knows(t)}
        return {t: w for t, w in terms.items() if t not in place_words} or terms

    def _judgement_order(
        self, fused: Rows, allowed: np.ndarray | None, understood: Understanding
    ) -> tuple[Rows, Order | None, Notice]:
        """Rank the letters judged as the question asks first, and their own statement of
        the judgement before all else when that is all it asks; with a notice saying so."""
        grade = understood.grade or ""
        graded = self._passages_of(lambda x: has_grade(x, grade))
        if allowed is not None:
            graded &= allowed
        if not graded.any():
            return (
                fused,
                None,
                Notice("judgement_not_found", f"No letter searched is judged {grade}."),
            )
        letters = [self.letters[i] for i in sorted(set(self._owner[graded].tolist()))]
        which = ""
        if len(letters) <= 3:
            which = " (" + "; ".join(f"{x.local_authority}, {x.date}" for x in letters) + ")"
        notice = Notice("judgement", f"Letters judged {grade}{which} come first.")
        ordered, order = judgement_order(
            fused, graded, self._stating, self._owner, understood.judgement_only
        )
        return ordered, order, notice

    def _hits(self, top: Rows) -> list[Hit]:
        hits = []
        for rank, (row, score) in enumerate(top, start=1):
            passage = self._passages[row]
            letter = self.letters[self._owner[row]]
            hits.append(
                Hit(
                    rank,
                    round(score, 4),
                    passage.text,
                    Citation.of(letter, passage),
                    sentences=tuple(passage.sentences()),
                )
            )
        return hits

    def _narrowed(
        self, filters: LetterFilter, understood: Understanding, allowed: np.ndarray | None
    ) -> Narrowed:
        """Narrow the allowed passages to the letters about the places and from the years the
        question names, unless the filters already chose them."""
        narrowed = Narrowed(allowed)
        places, years = understood.authorities, set(understood.years)
        if places and not filters.local_authority:
            about = self._passages_of(lambda x: x.local_authority in places)
            narrowed = narrow(narrowed, about, places, "about")
        if years and not (filters.date_from or filters.date_to):
            dated = self._passages_of(lambda x: bool(letter_years(x) & years))
            narrowed = narrow(narrowed, dated, understood.years, "from")
        return narrowed

    def _allowed(self, filters: LetterFilter) -> np.ndarray | None:
        return self._passages_of(filters.admits) if filters.active() else None

    def _passages_of(self, keep: Callable[[Letter], bool]) -> np.ndarray:
        """Return, per passage row, whether its letter is one to keep."""
        return np.asarray([keep(letter) for letter in self.letters], dtype=bool)[self._owner]

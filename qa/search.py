"""Find the passages that answer a question: the searcher over one index generation, which
reads the question, narrows to the letters it may answer from, ranks, fuses and cites."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np

from qa.abbreviations import Abbreviations
from qa.answer import pick_answer, pick_highlights
from qa.answerable import NO_ANSWER, NOTHING_ANSWERS, answers
from qa.embed import Embedder, shared_embedder
from qa.errors import UnknownLetter
from qa.found import Found, SearchResponse
from qa.fusion import STANDARD_DEPTH as CANDIDATES
from qa.fusion import Order, Ranking, combine, distinct, recurring_texts, standard_scores
from qa.improvements import Improvement, read_improvements
from qa.judged import has_grade, judgement_order, states_judgement
from qa.keywords import KeywordIndex, tokenize
from qa.models import Citation, Hit, Letter, Passage, newest_first
from qa.phrases import passages_holding, phrase_not_found, quoted_phrases
from qa.projection import Projection
from qa.request import LetterFilter, Retriever, SearchRequest
from qa.scope import AuthorityMatcher
from qa.sentences import SentenceIndex
from qa.spelling import LazySpeller, read_word_counts
from qa.store import Generation, read_generation, read_vectors
from qa.understand import Notice, Understanding, understand
from qa.vocabulary import Expansion, Vocabulary, also_searched, read_glossary

# How much the dense ranking counts against the keyword one (weight 1) in fusion.
DENSE_WEIGHT = 1.0
# Passages the dense ranking's first pass (by their projections on the principal axes) finds
# for scoring exactly: the top 200 agree with a full scan's (measured: docs/measurements.md).
FIRST_PASS = 1000
# How much a passage's best sentence counts (its own ranking, beside the paragraph's).
SENTENCE_WEIGHT = 1.0
# How much the letters' words added to a question count against its own in BM25.
ADDED_WEIGHT = 0.5


def _letter_years(letter: Letter) -> set[int]:
    """Return the years a question may mean a letter by: of its visit and of its publication."""
    dates = [letter.date, letter.published, *(letter.visit_dates or {}).values()]
    return {int(d[:4]) for d in dates if d}


def _place_words(letters: list[Letter]) -> set[str]:
    """Return the stemmed words of the letters' authorities' names."""
    return {t for x in letters for t in tokenize(x.local_authority or "")}


def _highlighted(hits: list[Hit], terms: dict[str, float]) -> list[Hit]:
    return [replace(h, highlights=tuple(pick_highlights(h.sentences, terms))) for h in hits]


class Searcher:
    """One generation of the index, loaded for searching. Immutable once built."""

    def __init__(
        self,
        generation: Generation,
        vectors: faiss.Index,
        keywords: KeywordIndex,
        embedder: Embedder,
        vocabulary: Vocabulary | None = None,
        sentences: SentenceIndex | None = None,
    ) -> None:
        self.generation = generation
        self._sentences = sentences
        self.letters = generation.letters
        self._by_id = {letter.letter_id: letter for letter in self.letters}
        self._vectors = vectors
        self._keywords = keywords
        self._embedder = embedder
        self._vocabulary = vocabulary or Vocabulary(Abbreviations(), read_glossary())
        self._improvements: dict[str, list[Improvement]] = {}
        # The flat index's own vectors, read in place: scoring any passage needs no copy.
        stored = faiss.rev_swig_ptr(vectors.get_xb(), vectors.ntotal * vectors.d)  # type: ignore[attr-defined]
        self._stored = stored.reshape(vectors.ntotal, vectors.d)
        self._projection = None
        if vectors.ntotal > 10 * FIRST_PASS:
            self._projection = Projection.fitted(self._stored[::4])
            self._projection.index.add_sa_codes(self._projection.codes(self._stored))
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
        self._scope = AuthorityMatcher(self.authorities)
        self._stating = np.asarray([states_judgement(p) for p in passages], dtype=bool)
        self._speller = LazySpeller(lambda: read_word_counts(generation.path, self.letters))

    @classmethod
    def open(
        cls, index_dir: Path, embedder_for: Callable[[str], Embedder] = shared_embedder
    ) -> Searcher:
        """Load the current generation of the index in index_dir.

        Raises:
            IndexMissing: there is no index there yet.
        """
        generation = read_generation(index_dir)
        vectors = read_vectors(generation.path)
        keywords = KeywordIndex.load(generation.path / "bm25", len(generation.keys))
        vocabulary = Vocabulary(Abbreviations.load(generation.path), read_glossary())
        embedder = embedder_for(generation.manifest.model)
        sentences = SentenceIndex.load(generation.path, len(generation.keys))
        return cls(generation, vectors, keywords, embedder, vocabulary, sentences)

    @property
    def owners(self) -> np.ndarray:
        """Return, per passage row, the number of its letter in self.letters."""
        return self._owner

    @property
    def vectors(self) -> np.ndarray:
        """Return, per passage row, its stored vector (unit length; the index's own, no copy)."""
        return self._stored

    @property
    def passage_count(self) -> int:
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
        expansion = self._vocabulary.expand(request.query)
        # An everyday word the vocabulary reads as the letters' term is a word they know.
        reworded = set(tokenize(" ".join(r.asked for r in expansion.rewordings)))
        understood = understand(
            request.query,
            self._scope,
            lambda t: t in reworded or self._keywords.knows(t),
            self._speller,
        )
        if understood.query != request.query:
            expansion = self._vocabulary.expand(understood.query)
        allowed = self._allowed(request.filters)
        if phrases := quoted_phrases(understood.query):
            holding = passages_holding(phrases, self._passages, self._keywords)
            if not holding.any():
                understood.searchable = False
                understood.notices.append(phrase_not_found(phrases))
            allowed = holding if allowed is None else allowed & holding
        named: list[str] = []
        notices = list(understood.notices)
        if expansion.rewordings and understood.searchable:
            notices.append(Notice("also_searched", also_searched(expansion.rewordings)))
        if not request.filters.local_authority:
            places = understood.authorities
            allowed = self._narrow(
                allowed, lambda x: x.local_authority in places, places, named, notices, "about"
            )
        if not (request.filters.date_from or request.filters.date_to):
            years = set(understood.years)

            def in_years(letter: Letter) -> bool:
                return bool(_letter_years(letter) & years)

            allowed = self._narrow(allowed, in_years, understood.years, named, notices, "from")
        scope = ", ".join(named) or None
        authorities = {request.filters.local_authority, *understood.authorities} - {None}
        named_letters = newest_first(x for x in self.letters if x.local_authority in authorities)
        top: list[tuple[int, float]] = []
        answered = True
        if understood.searchable and self.passage_count and (allowed is None or allowed.any()):
            depth = max(CANDIDATES, request.k)  # standardised as a shallow request's
            rankings = self._rankings(expansion, allowed, request.retriever, depth)
            fused = combine(rankings)
            order = None
            if understood.grade:
                fused, order = self._judgement_order(fused, allowed, understood, notices)
            top = distinct(fused, request.k, self._same_text, self._boilerplate, order)
            # A judgement is answered by the letters' statements of it; a quoted phrase by
            # the passages holding it, which every result does.
            answered = bool(understood.grade or phrases) or answers(
                rankings, [row for row, _ in top], self.generation.manifest.model
            )
            if not answered:
                notices.append(NO_ANSWER)
        elif not understood.searchable and not phrases:
            # No word of the question is in the letters: nothing there answers it.
            answered = False
            notices.append(NOTHING_ANSWERS)
        return Found(self._hits(top), scope, named_letters, notices, understood.query, answered)

    def passage_scores(
        self, query: str, rows: np.ndarray, named: list[Letter]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return, for the given passage rows, their scores for query as search fuses them
        (each ranking standardised over its best candidates among these rows), whether each
        holds a word of the question other than the places named (the named letters'
        authorities) or the letters' words for one, and each one's cosine with query."""
        allowed = np.zeros(self.passage_count, dtype=bool)
        allowed[rows] = True
        expansion = self._vocabulary.expand(query)
        vector = self._embedder.embed([expansion.spelt_out])
        rankings = [self._dense(vector, allowed), self._keyword(expansion, allowed)]
        places = _place_words(named)
        asked = [t for t in tokenize(query) if t not in places]
        reworded = [t for r in expansion.rewordings for term in r.searched for t in tokenize(term)]
        holds = self._keywords.token_scores(asked + reworded)[rows] > 0
        return standard_scores(rankings, rows), holds, rankings[0].score_of(rows)

    def cited_hits(
        self, query: str, ranked: list[list[tuple[int, float]]], named: list[Letter]
    ) -> list[list[Hit]]:
        """Return each list of (row, score) pairs as hits in that order, highlighted for
        query."""
        terms = self._question_terms(query, named)
        return [_highlighted(self._hits(top), terms) for top in ranked]

    def _question_terms(self, query: str, named_letters: list[Letter]) -> dict[str, float]:
        """Return the question's words that some letter holds, with their weights, less the
        authority it names: a sentence naming the place answers nothing by that alone."""
        place_words = _place_words(named_letters)
        terms = {t: w for t, w in self._keywords.weights(query).items() if self._keywords.knows(t)}
        return {t: w for t, w in terms.items() if t not in place_words} or terms

    def _judgement_order(
        self,
        fused: list[tuple[int, float]],
        allowed: np.ndarray | None,
        understood: Understanding,
        notices: list[Notice],
    ) -> tuple[list[tuple[int, float]], Order | None]:
        """Rank the letters judged as the question asks first, and their own statement of
        the judgement before all else when that is all it asks."""
        grade = understood.grade or ""
        graded = np.asarray([has_grade(x, grade) for x in self.letters], dtype=bool)[self._owner]
        if allowed is not None:
            graded &= allowed
        if not graded.any():
            notices.append(Notice("judgement_not_found", f"No letter searched is judged {grade}."))
            return fused, None
        letters = [self.letters[i] for i in sorted(set(self._owner[graded].tolist()))]
        which = ""
        if len(letters) <= 3:
            which = " (" + "; ".join(f"{x.local_authority}, {x.date}" for x in letters) + ")"
        notices.append(Notice("judgement", f"Letters judged {grade}{which} come first."))
        return judgement_order(fused, graded, self._stating, self._owner, understood.judgement_only)

    def _hits(self, top: list[tuple[int, float]]) -> list[Hit]:
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

    def _narrow(
        self,
        allowed: np.ndarray | None,
        keep: Callable[[Letter], bool],
        named: Sequence[object],
        scope: list[str],
        notices: list[Notice],
        relation: str,
    ) -> np.ndarray | None:
        """Keep only letters that match what the question named, unless none would be left;
        add what narrowed the search to scope, or a notice that it could not (relation: how a
        letter is of what was named, "about" a place, "from" a year)."""
        if not named:
            return allowed
        letters = np.asarray([keep(letter) for letter in self.letters], dtype=bool)[self._owner]
        narrowed = letters if allowed is None else letters & allowed
        if not narrowed.any():
            what = ", ".join(str(n) for n in named)
            among = [f"about {', '.join(scope)}"] if scope else []
            if allowed is not None and not scope:
                among.append("matching the filters")
            letters_named = " ".join(["No indexed letter", *among])
            notices.append(
                Notice(
                    "scope_not_applied",
                    f"{letters_named} is {relation} {what}, so the search was not narrowed to "
                    f"{what}.",
                )
            )
            return allowed
        scope.extend(str(n) for n in named)
        return narrowed

    def _allowed(self, filters: LetterFilter) -> np.ndarray | None:
        if not filters.active():
            return None
        return np.asarray([filters.admits(x) for x in self.letters], dtype=bool)[self._owner]

    def _rankings(
        self, expansion: Expansion, allowed: np.ndarray | None, retriever: Retriever, n: int = 0
    ) -> list[Ranking]:
        n = n or CANDIDATES
        rankings = []
        wants_sentences = retriever in (Retriever.HYBRID, Retriever.SENTENCE)
        if retriever is not Retriever.KEYWORD:
            vector = self._embedder.embed([expansion.spelt_out])
            if retriever in (Retriever.HYBRID, Retriever.DENSE):
                rankings.append(self._dense(vector, allowed, n))
            if wants_sentences and self._sentences is not None:
                rankings.append(self._sentence(vector, allowed, n))
        if retriever in (Retriever.HYBRID, Retriever.KEYWORD):
            rankings.append(self._keyword(expansion, allowed, n))
        return rankings

    def _sentence(self, vector: np.ndarray, allowed: np.ndarray | None, n: int) -> Ranking:
        assert self._sentences is not None
        count = min(n, self.passage_count)
        return self._sentences.ranking(vector[0], allowed, count, SENTENCE_WEIGHT)

    def _dense(self, vector: np.ndarray, allowed: np.ndarray | None, n: int = 0) -> Ranking:
        # A question is one vector: FAISS's OpenMP threads would only wait on each other and on
        # other requests (a flat search took 24 ms with two threads on two busy cores, 5 ms
        # with one). The setting is the calling thread's own, so each request thread makes it.
        faiss.omp_set_num_threads(1)

        def score_of(rows: np.ndarray) -> np.ndarray:
            # Every passage: the stored matrix as it is, no copy of its rows. einsum, not @:
            # a product this size wakes BLAS's threads, which spin against the requests'.
            every = len(rows) == self.passage_count
            return np.einsum("ij,j->i", self._stored if every else self._stored[rows], vector[0])

        count = min(n or CANDIDATES, self.passage_count)
        if self._projection is not None:
            found = self._projection.search(vector[0], max(FIRST_PASS, count), allowed)
            exact = score_of(found)
            best = np.argsort(-exact, kind="stable")[:count]
            return Ranking(found[best], exact[best], score_of, DENSE_WEIGHT, "dense")
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))  # type: ignore[call-arg]
        scores, found = self._vectors.search(vector, count, params=params)
        kept = found[0] >= 0
        return Ranking(found[0][kept], scores[0][kept], score_of, DENSE_WEIGHT, "dense")

    def _keyword(self, expansion: Expansion, allowed: np.ndarray | None, n: int = 0) -> Ranking:
        scores = self._keywords.scores(expansion.question, expansion.added, ADDED_WEIGHT)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        count = min(n or CANDIDATES, int((scores > 0).sum()))
        best = np.array([], dtype=np.int64)
        if count:
            # Only the best few need sorting: a partial sort first (ties keep row order).
            best = np.argpartition(-scores, count - 1)[:count]
            best = best[np.lexsort((best, -scores[best]))]
        return Ranking(best, scores[best], lambda rows: scores[rows], name="keyword")

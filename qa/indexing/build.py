"""Bring an index up to date with a letters folder: read, embed and store only what changed."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from qa.core.errors import LetterError, NotALetter
from qa.core.models import Letter
from qa.indexing.abbreviations import Abbreviations
from qa.indexing.embed import MATCHING_VERSION, Embedder
from qa.indexing.keywords import KeywordIndex
from qa.indexing.matching import matching_texts, save_matching_texts
from qa.indexing.sentences import has_sentences, passage_sentences, save_sentences
from qa.indexing.store import (
    Generation,
    Manifest,
    VectorCache,
    current_path,
    read_generation_at,
    update_lock,
    write_generation,
)
from qa.indexing.summary import Gathered, Outcome, Summary, Written, summarise
from qa.indexing.vectors import Embedding, Once, Progress, vectors_for
from qa.indexing.words import save_words
from qa.reading.reader import READER_VERSION, read_letter
from qa.reading.scan import letter_files
from qa.reading.vetting import vet_letter

log = logging.getLogger(__name__)

_UNREADABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def passage_key(model: str, text: str) -> str:
    """Return the key a passage's vector is stored and reused under."""
    return hashlib.sha1(f"{model}\n{text}".encode()).hexdigest()


def _read(job: tuple[Path, str, bytes]) -> Letter | LetterError:
    path, source, data = job
    try:
        return vet_letter(path, read_letter(path, source, data))
    except LetterError as err:
        return err
    except Exception as err:  # a PDF library failure on one file must not stop the batch
        log.info("unexpected failure reading %s", path, exc_info=True)
        return LetterError(
            path,
            f"could not be read: this program failed on it ({type(err).__name__}); "
            "rerun with -v for details and report it",
        )


@dataclass(frozen=True)
class UpdateOptions:
    """How to update: with a progress display, from scratch, with processes reading letters.

    Attributes:
        progress: called with each step, for a progress display.
        rebuild: ignore the current index and read and embed everything again.
        workers: processes reading letters alongside the embedding.
    """

    progress: Callable[[Progress], None] | None = None
    rebuild: bool = False
    workers: int = 1


@dataclass(frozen=True)
class _Update:
    """One update's inputs: the letters folder it reads, the index folder it writes, the
    model it embeds with (loaded when first needed) and where it reports progress."""

    letters_dir: Path
    index_dir: Path
    model: str
    load_embedder: Callable[[], Embedder]
    report: Callable[[Progress], None]


def update_index(
    letters_dir: Path,
    index_dir: Path,
    model: str,
    load_embedder: Callable[[], Embedder],
    options: UpdateOptions | None = None,
) -> Summary:
    """Update the index in index_dir from every letter file under letters_dir.

    Unchanged letters (same content hash) are neither re-read nor re-embedded; passages
    whose text is unchanged keep their vectors. The embedder is only loaded when a passage
    needs embedding. A file that cannot be read is recorded in the summary and skipped.

    Args:
        model: the embedding model's name, recorded in the index; a different one forces
            every passage to be embedded again.
        load_embedder: called (at most once) to get the embedder for model.
        options: a progress display, a rebuild, reading processes (none by default).
    """
    started = time.perf_counter()
    options = options or UpdateOptions()
    report = options.progress or (lambda _p: None)
    if not letters_dir.is_dir():
        raise LetterError(letters_dir, "is not a folder of letters")
    with update_lock(index_dir):
        old = None if options.rebuild else _current(index_dir)
        gathered = _gather(letters_dir, old, options.workers, report)
        letters = gathered.letters
        renamed = old is not None and {x.source for x in old.letters} != {x.source for x in letters}
        unchanged = old is not None and not (gathered.changed or renamed)
        written = None
        if unchanged and old is not None and _same_build(old, model, letters_dir):
            generation: str | None = old.name
        elif not letters:
            # An index of nothing helps no one, and an update that read no letter at all (a
            # folder not mounted, say) must not replace the index there is.
            current = current_path(index_dir)
            generation = current.name if current else None
            gathered = replace(gathered, removed=[])
        else:
            update = _Update(letters_dir, index_dir, model, load_embedder, report)
            written = _write(update, letters, old)
            generation = written.path.name
        return summarise(gathered, written, generation, started)


def _gather(
    letters_dir: Path, old: Generation | None, workers: int, report: Callable[[Progress], None]
) -> Gathered:
    """Scan the letters folder and read what changed; return its letters by source, the
    indexed letters no longer there, and what was added, updated, skipped or failed."""
    plan = _scan(letters_dir, old, report)
    kept, outcome = _read_new(plan, workers, report)
    letters = sorted(kept.values(), key=lambda letter: letter.source)
    present = {letter.source for letter in letters}
    removed = sorted(
        source
        for source, sha in plan.old_sha_by_source.items()
        if source not in present and sha not in kept
    )
    return Gathered(letters, removed, plan.outcome.then(outcome))


def _write(update: _Update, letters: list[Letter], old: Generation | None) -> Written:
    """Embed what needs it, build the keyword index and write a new generation of letters;
    return where, and what was embedded."""
    abbreviations = Abbreviations.mine([p.text for p in x.passages] for x in letters)
    reusable = (
        old.path
        if old
        and old.manifest.reader == READER_VERSION
        and old.manifest.matching == MATCHING_VERSION
        else None
    )
    texts = matching_texts(letters, abbreviations, reusable)
    keys = [passage_key(update.model, t) for t in texts]
    sentence_texts, sentence_rows = passage_sentences(letters)
    sentence_keys = [passage_key(update.model, t) for t in sentence_texts]
    embedder = Once(update.load_embedder)
    cache = VectorCache(update.index_dir, update.model)
    with ThreadPoolExecutor(1) as background:
        # BM25 is built while the passages are embedded.
        building = background.submit(KeywordIndex.build, texts)
        vectors = vectors_for(
            update.model,
            old,
            (texts, keys),
            (sentence_texts, sentence_keys),
            Embedding(cache, embedder, update.report),
        )
        update.report(Progress("keywords", 0, 1))
        keywords = building.result()
    update.report(Progress("writing", 0, 1))

    def write_search_files(folder: Path) -> None:
        keywords.save(folder / "bm25")
        abbreviations.save(folder)
        save_matching_texts(folder, letters, texts, abbreviations)
        save_sentences(folder, vectors.sentences, sentence_rows, sentence_keys)
        save_words(folder, letters, reusable)

    manifest = _manifest(update, int(vectors.passages.shape[1]), embedder.backend, old)
    path = write_generation(
        update.index_dir, letters, keys, vectors.passages, manifest, write_search_files
    )
    cache.clear()
    return Written(path, vectors.passages_embedded, len(sentence_keys), vectors.sentences_embedded)


def _manifest(
    update: _Update, dimension: int, backend: str | None, old: Generation | None
) -> Manifest:
    """Return the manifest of the generation the update writes."""
    return Manifest(
        model=update.model,
        dimension=dimension,
        reader=READER_VERSION,
        matching=MATCHING_VERSION,
        letters_dir=str(update.letters_dir.resolve()),
        backend=backend or (old.manifest.backend if old else None),
    )


def _current(index_dir: Path) -> Generation | None:
    path = current_path(index_dir)
    return None if path is None else read_generation_at(path)


def _same_build(old: Generation, model: str, letters_dir: Path) -> bool:
    """Return True when the old generation was built the way this update would build it."""
    return (
        old.manifest.model == model
        and old.manifest.reader == READER_VERSION
        and old.manifest.matching == MATCHING_VERSION
        and old.manifest.letters_dir == str(letters_dir.resolve())
        and has_sentences(old.path)
    )


@dataclass(frozen=True)
class _Plan:
    """What a scan of the letters folder found: letters kept as they are (by content hash),
    files to read (each content once; its copies by hash), the indexed letters by source, and
    what became of the files it settled (unchanged, failed, skipped)."""

    kept: dict[str, Letter]
    to_read: list[tuple[Path, str, bytes, str]]
    copies: dict[str, list[str]]
    old_by_source: dict[str, Letter]
    outcome: Outcome

    @property
    def old_sha_by_source(self) -> dict[str, str]:
        return {source: letter.sha256 for source, letter in self.old_by_source.items()}


def _scan(letters_dir: Path, old: Generation | None, report: Callable[[Progress], None]) -> _Plan:
    """Hash every file; keep unchanged letters; list the rest to read, once per content."""
    old_by_source = {letter.source: letter for letter in old.letters} if old is not None else {}
    # After a change to the reader every letter is read again; vectors are still reused.
    reusable = (
        {x.sha256: x for x in old.letters} if old and old.manifest.reader == READER_VERSION else {}
    )
    kept: dict[str, Letter] = {}
    to_read: list[tuple[Path, str, bytes, str]] = []
    copies: dict[str, list[str]] = {}
    pending: set[str] = set()
    outcome = Outcome()
    files = list(letter_files(letters_dir))
    for number, (source, path) in enumerate(files, start=1):
        report(Progress("scanning", number, len(files)))
        # Bytes that are not UTF-8 in a name come through as surrogates, which no page or JSON
        # file can hold; control characters would garble every listing.
        if _UNREADABLE.search(source):
            shown = _UNREADABLE.sub("\ufffd", source)
            outcome.failed.append((shown, "the file name is not readable text; rename the file"))
            continue
        try:
            data = path.read_bytes()
        except OSError as err:
            outcome.failed.append((source, f"cannot be read ({err.strerror})"))
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in kept:
            outcome.skipped.append((source, f"the same letter as {kept[sha].source}"))
        elif sha in pending:
            copies.setdefault(sha, []).append(source)
        elif sha in reusable:
            kept[sha] = replace(reusable[sha], source=source)
            outcome.unchanged.append(source)
        else:
            pending.add(sha)
            to_read.append((path, source, data, sha))
    return _Plan(kept, to_read, copies, old_by_source, outcome)


def _read_new(
    plan: _Plan, workers: int, report: Callable[[Progress], None]
) -> tuple[dict[str, Letter], Outcome]:
    """Read the plan's files; return the letters kept (the plan's and those read, by content
    hash) and what became of each file read, copies with their original."""
    old_sha_by_source = plan.old_sha_by_source
    old_shas = set(old_sha_by_source.values())
    kept = dict(plan.kept)
    outcome, reread = Outcome(), 0
    results = _read_all([job[:3] for job in plan.to_read], workers, report)
    for (_path, source, _data, sha), result in zip(plan.to_read, results, strict=True):
        copies = plan.copies.get(sha, [])
        if isinstance(result, NotALetter):
            outcome.skipped.extend((s, result.reason) for s in [source, *copies])
        elif isinstance(result, LetterError):
            for name in [source, *copies]:
                indexed = _still_indexed(plan, kept, name)
                if indexed is not None:
                    kept[indexed.sha256] = indexed
                kept_note = "" if indexed is None else "; the version already indexed is kept"
                outcome.failed.append((name, result.reason + kept_note))
        else:
            kept[sha] = result
            if sha in old_shas:
                outcome.unchanged.append(source)
                reread += 1
            elif source in old_sha_by_source:
                outcome.updated.append(source)
            else:
                outcome.added.append(source)
            outcome.skipped.extend((s, f"the same letter as {source}") for s in copies)
    return kept, replace(outcome, reread=reread)


def _still_indexed(plan: _Plan, kept: dict[str, Letter], source: str) -> Letter | None:
    """Return the indexed letter of a file that no longer reads (cut short while being
    copied, say), to keep rather than drop; None when there is none or it is kept already."""
    letter = plan.old_by_source.get(source)
    return None if letter is None or letter.sha256 in kept else letter


def _read_all(
    jobs: list[tuple[Path, str, bytes]], workers: int, report: Callable[[Progress], None]
) -> list[Letter | LetterError]:
    results: list[Letter | LetterError] = []
    if workers <= 1 or len(jobs) < 4:
        for number, job in enumerate(jobs, start=1):
            results.append(_read(job))
            report(Progress("reading", number, len(jobs)))
        return results
    with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent) as pool:
        for number, result in enumerate(pool.map(_read, jobs, chunksize=2), start=1):
            results.append(result)
            report(Progress("reading", number, len(jobs)))
    return results


def _exit_with_parent() -> None:
    """End this reader process when the update that started it dies (SIGKILL included):
    otherwise it would wait for work forever, holding its memory."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()

"""The command line: python -m qa index | search | compare | serve | purge | eval."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, get_origin

import click

from qa.catalogue.compare_request import CompareParams
from qa.core.errors import QAError
from qa.core.filters import FILTER_NAMES, FilterParams
from qa.core.grades import JUDGEMENT_AREAS
from qa.core.offline import stay_offline
from qa.core.params import ParamSet
from qa.core.settings import SETTINGS
from qa.search.request import SearchParams
from qa.search.retrievers import Retriever

if TYPE_CHECKING:
    from qa.search.found import SearchResponse

stay_offline(os.environ)

_DEFAULTS = {s.name: s for s in SETTINGS}


def _option(
    name: str, param: str | None = None, **extra: Any
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return the click option of a setting: its name, default, environment variable, help."""
    setting = _DEFAULTS[name]
    return click.option(
        f"--{name.replace('_', '-')}",
        param or name,
        envvar=setting.env,
        default=setting.default,
        show_default=True,
        help=f"{setting.help} [env {setting.env}]",
        **extra,
    )


def _count_option(
    params: type[ParamSet], name: str, flag: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return the click option of a whole-number request parameter: its default, limits and
    help as its parameter set declares them."""
    field = params.model_fields[name]
    low, high = params.bounds(name)
    return click.option(
        flag,
        name,
        default=field.default,
        show_default=True,
        help=f"{(field.description or '').rstrip('.')} ({low}-{high}).",
    )


# The search command's filters: every filter of /search but the grade per area, for which
# --judgement AREA:GRADE stands.
_FILTER_OPTIONS = tuple(name for name in FILTER_NAMES if name not in JUDGEMENT_AREAS)


def _filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the filter options, each named, described and repeatable as its parameter is
    (FilterParams), and passed to the command under that parameter's name."""
    for name in reversed(_FILTER_OPTIONS):
        field = FilterParams.model_fields[name]
        command = click.option(
            f"--{name.replace('_', '-')}",
            name,
            default=None,
            multiple=get_origin(field.annotation) is list,
            metavar="AREA:GRADE" if name == "judgement" else None,
            help=field.description,
        )(command)
    return command


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
def main(verbose: bool) -> None:
    """Search Ofsted inspection letters and cite the paragraphs that answer a question."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


def _fail(err: QAError) -> NoReturn:
    click.echo(f"Error: {err}", err=True)
    sys.exit(2)


@main.command()
@_option("letters", "letters_dir", type=click.Path(file_okay=False, path_type=Path))
@_option("index", "index_dir", type=click.Path(file_okay=False, path_type=Path))
@_option("model")
@click.option("--rebuild", is_flag=True, help="Read and embed every letter again.")
@click.option("--watch", is_flag=True, help="Keep running and apply changes as files appear.")
def index(letters_dir: Path, index_dir: Path, model: str, rebuild: bool, watch: bool) -> None:
    """Build the index, or bring it up to date, from every letter under --letters.

    Exit status 1 when any file could not be read (each is named with the reason).
    """
    from qa.cli.index import run_index

    try:
        status = run_index(letters_dir, index_dir, model, rebuild=rebuild, watch=watch)
    except QAError as err:
        _fail(err)
    sys.exit(status)


@main.command()
@_option("index", "index_dir", type=click.Path(file_okay=False, path_type=Path))
@_count_option(SearchParams, "k", "-k")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the /search JSON instead.")
@click.argument("question")
def search(index_dir: Path, k: int, as_json: bool, question: str, **filters: Any) -> None:
    """Print the passages that best answer QUESTION, with citations."""
    from qa.api.render import response_json
    from qa.search.request import SearchRequest
    from qa.search.searcher import Searcher

    try:
        searcher = Searcher.open(index_dir)
        # The filter options are named as the parameters they stand for.
        params = {"q": question, "k": str(k), **filters}
        response = searcher.answer(SearchRequest.parse(params, searcher))
    except QAError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(response_json(response), indent=2, ensure_ascii=False))
        return
    _print_response(response)


def _print_response(response: SearchResponse) -> None:
    """Print a search's notices, named letters, answer and cited passages."""
    from qa.api.render import citation_line
    from qa.core.grades import grade_summary

    for notice in response.notices:
        click.echo(f"Note: {notice.message}")
    if response.notices:
        click.echo()
    for letter in response.named_letters:
        grade = grade_summary(letter.judgements)
        click.echo(f"Letter: {letter.local_authority} · {letter.type} · {letter.date} · {grade}")
    if response.named_letters:
        click.echo()
    for sentence in response.answer:
        click.echo(f"» {sentence.text} [{sentence.result}, {sentence.section}]")
    if response.answer:
        click.echo()
    for hit in response.hits:
        click.echo(f"{hit.rank}. {citation_line(hit.citation)}  (score {hit.score:.3f})")
        click.echo(f"   {hit.citation.source}")
        click.echo("   " + hit.text.replace("\n", "\n   "))
        click.echo()
    if not response.hits:
        click.echo("No passages matched. Try other words or fewer filters.")


@main.command()
@_option("index", "index_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--local-authority",
    "authorities",
    multiple=True,
    help=CompareParams.model_fields["local_authority"].description,
)
@_count_option(CompareParams, "per_letter", "--per-letter")
@click.option("--json", "as_json", is_flag=True, help="Print the /api/compare JSON instead.")
@click.argument("question")
def compare(
    index_dir: Path, authorities: tuple[str, ...], per_letter: int, as_json: bool, question: str
) -> None:
    """Print each letter's best passages for QUESTION, by authority, oldest letter first."""
    from qa.api.render import citation_line, comparison_json
    from qa.catalogue.compare import compare as compare_letters
    from qa.catalogue.compare_request import CompareRequest
    from qa.core.grades import grade_summary
    from qa.search.searcher import Searcher

    try:
        searcher = Searcher.open(index_dir)
        request = CompareRequest.parse(
            {"q": question, "local_authority": list(authorities), "per_letter": str(per_letter)},
            searcher,
        )
        comparison = compare_letters(searcher, request)
    except QAError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(comparison_json(comparison), indent=2, ensure_ascii=False))
        return
    shown = None
    for group in comparison.groups:
        letter = group.letter
        if request.authorities and letter.local_authority != shown:
            shown = letter.local_authority
            click.echo(f"== {shown} ==\n")
        grade = grade_summary(letter.judgements)
        click.echo(
            f"{letter.date or 'undated'} · {letter.local_authority} · {letter.type} · {grade}"
        )
        for hit in group.hits:
            click.echo(f"   {citation_line(hit.citation)}")
            click.echo("   " + hit.text.replace("\n", "\n   "))
        if group.note:
            click.echo(f"   ({group.note})")
        click.echo()
    if not comparison.groups:
        click.echo("No letter has a passage with the question's words.")


@main.command()
@_option("index", "index_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, help="Request threads (waitress).")
@click.option("--dev", is_flag=True, help="Use Flask's debug server instead of waitress.")
def serve(index_dir: Path, host: str, port: int, threads: int, dev: bool) -> None:
    """Serve the web form and JSON API (waitress, a production WSGI server)."""
    from web import create_app

    try:
        app = create_app({"INDEX": str(index_dir)})
    except QAError as err:
        _fail(err)
    try:
        # Load the index and model now, so the first request is as fast as the rest.
        loaded = app.extensions["live_index"].searcher()
        click.echo(
            f"Loaded {len(loaded.letters)} letters, {loaded.passage_count} passages", err=True
        )
    except QAError as err:
        click.echo(f"Warning: {err}; serving anyway, searches answer 503 until then", err=True)
    click.echo(f"Serving {index_dir} on http://{host}:{port}/", err=True)
    if dev:
        app.run(host=host, port=port, debug=True, use_reloader=False)
        return
    from web.server import create_server

    # waitress reads a whole request body before the app sees it: its own limit refuses an
    # announced oversize upload at once, answered as the app answers it (JSON or the form).
    logging.getLogger("web.audit").setLevel(logging.INFO)  # uploads and removals, always
    create_server(app, host=host, port=port, threads=threads, ident="qa").run()


@main.command()
@_option("letters", "letters_dir", type=click.Path(file_okay=False, path_type=Path))
@_option("index", "index_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.argument("letter_id", required=False)
def purge(letters_dir: Path, index_dir: Path, yes: bool, letter_id: str | None) -> None:
    """Delete a removed letter's files for good (without LETTER_ID: list the removed letters).

    Removing a letter (DELETE /api/letters/<id>, or /admin) keeps its files in .removed/ in
    the letters folder so that it can be restored; this is the only way they are deleted.
    The deletion is written to the audit log beside the index.
    """
    from qa.indexing.audit import Action, Entry, append_entry, now
    from qa.indexing.intake import purge_letter
    from qa.indexing.removed import REMOVED, find_removed, removed_letters

    if letter_id is None:
        for kept in removed_letters(letters_dir):
            files = ", ".join(f.source for f in kept.files)
            click.echo(f"{kept.letter_id}  removed {kept.removed}  {kept.title}  ({files})")
        return
    try:
        record = find_removed(letters_dir, letter_id)
        sources = ", ".join(f.source for f in record.files)
        if not yes and not click.confirm(
            f"Delete {record.title} ({sources}) for good? It cannot be restored afterwards"
        ):
            click.echo("Nothing was deleted.")
            sys.exit(1)
        first = record.files[0] if record.files else None
        size = _size(letters_dir / REMOVED / letter_id / first.kept) if first else None
        purge_letter(letters_dir, letter_id)
        source = first.source if first else None
        entry = Entry(now(), Action.PURGE, "purged", letter_id, source, record.sha256, size)
        append_entry(index_dir, replace(entry, client="command line"))
    except QAError as err:
        _fail(err)
    click.echo(f"Deleted {record.title} ({sources}) for good.")


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


@main.command(name="eval")
@_option("index", "index_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--show-misses", is_flag=True, help="List the questions without a hit in the top 5.")
@click.option(
    "--retriever",
    type=click.Choice([r.value for r in Retriever]),
    default=Retriever.HYBRID.value,
    show_default=True,
    help="Rank by all three (fused), or by one alone to measure its part.",
)
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def evaluate(
    index_dir: Path, as_json: bool, show_misses: bool, retriever: str, questions: Path
) -> None:
    """Score retrieval on QUESTIONS.jsonl: Recall@5 and MRR@10, overall and per type."""
    from qa.search.evaluate import evaluate_questions, read_questions
    from qa.search.searcher import Searcher

    try:
        searcher = Searcher.open(index_dir)
        report = evaluate_questions(
            searcher, read_questions(questions), Retriever.from_str(retriever)
        )
    except QAError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2))
        return
    click.echo(f"{'':12s} {'n':>4s} {'Recall@5':>9s} {'MRR@10':>8s}")
    for name, row in report.rows():
        click.echo(f"{name:12s} {row.count:4d} {row.recall_at_5:9.3f} {row.mrr_at_10:8.3f}")
    if show_misses:
        for miss in report.misses:
            click.echo(
                f"miss {miss.id} ({miss.type}) first hit at {miss.rank or '-'}: {miss.question}"
            )

"""The pages people use: the search form, similar findings, the letters list, a letter, its
original file."""

from __future__ import annotations

from pathlib import PurePosixPath

from flask import Blueprint, Response, abort, render_template, request, send_file
from flask.typing import ResponseReturnValue

from qa.core.errors import BadQuery, LetterError
from qa.core.grades import GRADE_CHOICES, JUDGEMENT_AREAS
from qa.reading.ingest import decode_text
from qa.search.request import MAX_EXPORT
from web.context import current_searcher, letters_folder
from web.resources import letter_list, search_results, similar_passages
from web.search_form import (
    FILTER_FIELDS,
    csv_link,
    error_message,
    hits_to_fetch,
    paginate,
    pagination,
    read_form,
    read_page_number,
)

bp = Blueprint("pages", __name__)


@bp.get("/")
def search_page() -> ResponseReturnValue:
    """Show the form and, with q, the answer and a page of cited passages."""
    searcher = current_searcher()
    form = read_form(request.args)
    page = read_page_number(request.args.get("page"))
    results, error = None, None
    if "q" in request.args:
        asked = {"k": str(hits_to_fetch(page)), "judgement": request.args.getlist("judgement")}
        try:
            results = paginate(search_results(searcher, form | asked, MAX_EXPORT), page)
        except BadQuery as err:
            error = {"field": err.parameter, "text": error_message(err, form)}
    return render_template(
        "pages/search.html",
        form=form,
        results=results,
        pagination=pagination(form, results) if results else None,
        csv_href=csv_link(form),
        max_export=f"{MAX_EXPORT:,}",
        error=error,
        filtered=any(form[key] for key in FILTER_FIELDS)
        or (error and error["field"] in FILTER_FIELDS),
        authorities=searcher.authorities,
        types=searcher.types,
        judgement_areas=JUDGEMENT_AREAS,
        judgement_grades=GRADE_CHOICES,
    ), (400 if error else 200)


@bp.get("/similar")
def similar_page() -> str:
    """Show one passage and the passages of other letters most like it, each cited."""
    found = similar_passages(current_searcher(), request.args)
    return render_template("pages/similar.html", found=found)


@bp.get("/letters")
def letters_page() -> str:
    """List every indexed letter, newest first, filtered by authority and type."""
    searcher = current_searcher()
    listed = letter_list(searcher, request.args)
    return render_template(
        "pages/letters.html",
        letters=listed.letters,
        authority=listed.authority,
        kind=listed.kind,
        authorities=searcher.authorities,
        types=searcher.types,
    )


@bp.get("/letters/<letter_id>")
def letter_page(letter_id: str) -> str:
    """Show a whole letter as numbered passages, the cited one highlighted."""
    searcher = current_searcher()
    letter = searcher.letter(letter_id)
    return render_template(
        "pages/letter.html",
        letter=letter,
        improvements=searcher.improvements(letter),
        cited=request.args.get("hl", ""),
    )


@bp.get("/letters/<letter_id>/source")
def letter_source(letter_id: str) -> Response:
    """Serve the original letter file inline (PDF viewers honour #page=N)."""
    searcher = current_searcher()
    letter = searcher.letter(letter_id)
    # Only a file the index recorded, by its path inside the letters folder; the folder may
    # hold symlinks to letters kept elsewhere, so the check is on the path, not its target.
    source = PurePosixPath(letter.source)
    path = letters_folder(searcher) / source
    if source.is_absolute() or ".." in source.parts or not path.is_file():
        abort(
            404,
            description=f"The original file of letter {letter_id} is no longer in the letters "
            "folder",
        )
    if path.suffix.lower() == ".pdf":
        return send_file(path, mimetype="application/pdf", download_name=path.name)
    # A text letter may be saved as UTF-16 or cp1252: it is served as the reader read it.
    try:
        text = decode_text(path, path.read_bytes())
    except LetterError as err:
        abort(
            404,
            description=f"The original file of letter {letter_id} no longer reads: {err.reason}",
        )
    response = Response(text, content_type="text/plain; charset=utf-8")
    response.headers.set("Content-Disposition", "inline", filename=path.name)
    return response

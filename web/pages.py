"""The pages people use: the search form, the letters list, a letter, its original file."""

from __future__ import annotations

from pathlib import PurePosixPath

from flask import Blueprint, abort, render_template, request, send_file
from markupsafe import Markup, escape

from qa.errors import BadQuery
from qa.search import MAX_K, SearchRequest
from web.context import letters_folder, searcher

bp = Blueprint("pages", __name__)

PAGE_SIZE = 10


@bp.app_template_filter("marked")
def marked(text: str, highlights: list[str] | tuple[str, ...] = ()) -> Markup:
    """Return text escaped, with each highlighted sentence wrapped in <mark>."""
    pieces, position = [], 0
    spans = sorted((text.find(h), h) for h in highlights if h and text.find(h) >= 0)
    for start, sentence in spans:
        if start < position:
            continue
        pieces.append(escape(text[position:start]))
        pieces.append(Markup("<mark>") + escape(sentence) + Markup("</mark>"))
        position = start + len(sentence)
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


@bp.get("/")
def search_page():
    """Show the form and, with q, the answer and cited passages."""
    index = searcher()
    form = {
        key: request.args.get(key, "")
        for key in ("q", "local_authority", "type", "date_from", "date_to")
    }
    response, error = None, None
    shown = PAGE_SIZE
    if "q" in request.args:
        try:
            shown = min(MAX_K, max(PAGE_SIZE, int(request.args.get("k", PAGE_SIZE))))
        except ValueError:
            shown = PAGE_SIZE
        try:
            query = SearchRequest.parse(form | {"k": str(shown)}, index)
            response = index.answer(query)
        except BadQuery as err:
            error = err
    status = 400 if error else 200
    return render_template(
        "pages/search.html",
        form=form,
        response=response,
        error=error,
        shown=shown,
        more=shown + PAGE_SIZE
        if response and len(response.hits) == shown and shown < MAX_K
        else None,
        authorities=index.authorities,
        types=index.types,
    ), status


@bp.get("/letters")
def letters_page():
    """List every indexed letter, newest first, filtered by authority and type."""
    index = searcher()
    authority = request.args.get("local_authority", "")
    kind = request.args.get("type", "")
    shown = [
        x
        for x in index.letters
        if (not authority or x.local_authority == authority) and (not kind or x.type == kind)
    ]
    shown.sort(key=lambda x: (x.date or "", x.source), reverse=True)
    return render_template(
        "pages/letters.html",
        letters=shown,
        authority=authority,
        kind=kind,
        authorities=index.authorities,
        types=index.types,
    )


@bp.get("/letters/<letter_id>")
def letter_page(letter_id: str):
    """Show a whole letter as numbered passages, the cited one highlighted."""
    letter = searcher().letter(letter_id)
    return render_template("pages/letter.html", letter=letter, cited=request.args.get("hl", ""))


@bp.get("/letters/<letter_id>/source")
def letter_source(letter_id: str):
    """Serve the original letter file inline (PDF viewers honour #page=N)."""
    index = searcher()
    letter = index.letter(letter_id)
    # Only a file the index recorded, by its path inside the letters folder; the folder may
    # hold symlinks to letters kept elsewhere, so the check is on the path, not its target.
    source = PurePosixPath(letter.source)
    path = letters_folder(index) / source
    if source.is_absolute() or ".." in source.parts or not path.is_file():
        abort(
            404,
            description=f"The original file of letter {letter_id} is no longer in the letters "
            "folder",
        )
    mimetype = "application/pdf" if path.suffix.lower() == ".pdf" else "text/plain; charset=utf-8"
    return send_file(path, mimetype=mimetype, as_attachment=False, download_name=path.name)

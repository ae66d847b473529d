"""Printable documents: order papers, composites, agreed text and record, as PDF and Word.

Anyone logged in may download what they may read on screen (motions.security): a published
heading's order paper (with its published composites), a published composite under a published
heading, and the agreed text and record once voting has begun. Drafts are the CAC's: 404 for
everyone else, as on the screens.
"""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, render_template, send_file

from motions.documents import content, pdf
from motions.documents import docx as word
from motions.documents.content import Paper
from motions.security import any_user, readable_composite_or_404, readable_order_paper_or_404
from motions.voting import services as voting_services

bp = Blueprint("documents", __name__, url_prefix="/documents")

FORMATS = "any(pdf, docx)"
MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@bp.get(f"/headings/<int:heading_id>/order-paper.<{FORMATS}:fmt>")
@any_user
def order_paper(heading_id: int, fmt: str):
    """The heading's order paper: its published composite, its motions and amendments in order."""
    heading = readable_order_paper_or_404(heading_id)
    return _send(content.heading_order_paper(heading), fmt)


@bp.get(f"/composites/<int:composite_id>/order-paper.<{FORMATS}:fmt>")
@any_user
def composite(composite_id: int, fmt: str):
    item = readable_composite_or_404(composite_id)
    return _send(content.composite_order_paper(item), fmt)


@bp.get(f"/headings/<int:heading_id>/agreed.<{FORMATS}:fmt>")
@any_user
def agreed(heading_id: int, fmt: str):
    """The agreed text derived from the results so far, and the record of every decision."""
    heading = readable_order_paper_or_404(heading_id)
    voting = voting_services.session_for(heading) or abort(
        404, "Voting on this heading has not begun.")
    engine = voting_services.live(voting).engine
    paper = content.agreed_paper(heading, voting, engine.agreed(), engine.finished,
                                 heading.conference.zone)
    return _send(paper, fmt)


def _send(paper: Paper, fmt: str):
    if fmt == "pdf":
        try:
            data = pdf.build(paper)
        except pdf.PdfUnavailable as error:
            return render_template("errors/error.html", code=503, title="PDF not available",
                                   message=str(error)), 503
    else:
        data = word.build(paper)
    return send_file(BytesIO(data), mimetype=MIMETYPES[fmt], as_attachment=True,
                     download_name=f"{paper.filename}.{fmt}")

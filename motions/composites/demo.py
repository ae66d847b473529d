"""The demo conference's composite: the LLA 2020 CAC's composite constitution, as published.

Imported from its published text (``motions/demo/texts/3-constitution/composite.txt``, a copy of
the conference's page) with the CAC's procedural motion (``procedural-motion.txt``: paper 00 in
Markdown, its title lines dropped) attached, and published, so delegates
see it on the constitution heading's order paper as conference did.
"""

from __future__ import annotations

from pathlib import Path

from motions.composites import services
from motions.extensions import db
from motions.models import Conference, IfCarried, IfLost, Role, User

TEXTS = Path(__file__).resolve().parent.parent / "demo" / "texts" / "3-constitution"
HEADING_TITLE = "Our structures/constitution"

# The published composite says which drafts it draws on, not where each clause went; the clauses
# the alignment finds no place for are left out with this (true) reason rather than invented ones.
LEFT_OUT_REASON = ("Not taken into the CAC's published composite; the CAC gave no reason clause "
                   "by clause (imported from the published paper).")


def add_lla_composite(conference: Conference) -> Conference:
    """Import, complete and publish the real composite under the constitution heading.

    Adds to the session and flushes; the caller commits. Returns the conference, so the demo
    loader can end with ``return add_lla_composite(conference)``.
    """
    heading = next(h for h in conference.headings if h.title == HEADING_TITLE)
    cac = _cac_member()
    raw = (TEXTS / "composite.txt").read_text(encoding="utf-8")
    composite = services.import_published(heading, raw, [m.id for m in heading.motions], cac)
    content = composite.content
    services.leave_out_rest(composite, content, None, LEFT_OUT_REASON)
    services.save(composite, content, cac, composite.version,
                  "Clauses not in the published composite left out")
    db.session.flush()
    # The CAC's procedural motion (paper 00), its bullets and numbered points as Markdown.
    procedural = (TEXTS / "procedural-motion.txt").read_text(encoding="utf-8")
    services.set_procedure(composite, cac, composite.version, procedural.strip(),
                           IfCarried.SUPERSEDE, IfLost.TAKE_ORIGINALS)
    db.session.flush()
    services.publish(composite, cac, composite.version)
    db.session.flush()
    return conference


def _cac_member() -> User:
    candidates = db.session.execute(db.select(User).order_by(User.id)).scalars()
    return next(user for user in candidates if Role.CAC in user.roles)

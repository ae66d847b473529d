"""A paper as PDF: HTML from ``templates/documents/paper.html``, printed by WeasyPrint.

WeasyPrint needs Pango (a Debian system library). It is imported only when a PDF is asked for,
so the rest of the app runs without it; :class:`PdfUnavailable` says what to install.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from flask import render_template

from motions.documents.content import Paper

DEBIAN_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core")


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the Pango library it loads) is not installed on this server."""

    def __init__(self, cause: BaseException):
        packages = " ".join(DEBIAN_PACKAGES)
        super().__init__(
            "PDFs cannot be made on this server: WeasyPrint could not load "
            f"({type(cause).__name__}: {cause}). Install Debian's Pango and a font "
            f"(apt-get install {packages}) and restart; the Word (.docx) version works meanwhile."
        )


def html(paper: Paper) -> str:
    """The HTML WeasyPrint prints (also what the tests read)."""
    return render_template("documents/paper.html", paper=paper)


def weasyprint():
    try:
        import weasyprint as module
    except (ImportError, OSError) as error:  # OSError: Pango's shared library is missing
        raise PdfUnavailable(error) from error
    return module


# Printing a constitution takes seconds; a hall downloads the same paper hundreds of times.
# The HTML fully determines the PDF, so identical HTML is printed once per process.
CACHE_SIZE = 32
_printed: OrderedDict[str, bytes] = OrderedDict()


def build(paper: Paper) -> bytes:
    page = html(paper)
    key = hashlib.sha256(page.encode()).hexdigest()
    if key in _printed:
        _printed.move_to_end(key)
        return _printed[key]
    data = weasyprint().HTML(string=page).write_pdf()
    _printed[key] = data
    while len(_printed) > CACHE_SIZE:
        _printed.popitem(last=False)
    return data

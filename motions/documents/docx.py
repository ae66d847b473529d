"""A paper as a Word file (python-docx), for a CAC that still edits its order papers in Word.

Numbered lines are one paragraph each, the number right-aligned on a tab stop, in a size at
which 80 characters fit the line, so Word never re-wraps them and the numbers stay the screens'.
"""

from __future__ import annotations

from io import BytesIO

import docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from motions.documents.content import Lines, Paper, Para, Prose, Run, Table, Title

BODY_FONT = "Times New Roman"  # LibreOffice's Liberation Serif has the same widths
LINE_SIZE = Pt(10)
NUMBER_STOP = Mm(7)
TEXT_STOP = Mm(9)
CHARACTER = Mm(1.9)  # an indent of one character, for nested lists on numbered lines
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xAA, 0x00, 0x00)


def build(paper: Paper) -> bytes:
    document = docx.Document()
    _page(document, paper)
    _styles(document)
    document.core_properties.title = paper.title
    document.core_properties.subject = paper.subtitle
    document.add_heading(paper.title, 0)
    _para(document, (Run(paper.subtitle),), "meta")
    for line in paper.meta:
        _para(document, (Run(line),), "meta")
    if paper.draft:
        _para(document, (Run("Draft: not yet published. Delegates do not see it until the CAC "
                             "publishes it."),), "flag")
    for part in paper.parts:
        if isinstance(part, Title):
            document.add_heading(part.text, min(part.level, 9))
        elif isinstance(part, Para):
            _para(document, part.runs, part.style)
        elif isinstance(part, Lines):
            _lines(document, part)
        elif isinstance(part, Prose):
            _prose(document, part)
        elif isinstance(part, Table):
            _table(document, part)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document, paper: Paper) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(16)
    section.top_margin, section.bottom_margin = Mm(18), Mm(20)
    header = section.header.paragraphs[0]
    _styled(header.add_run(paper.subtitle), size=Pt(8), colour=GREY)
    if paper.draft:
        _styled(header.add_run("    DRAFT: not published"), size=Pt(8), colour=RED, bold=True)
    footer = section.footer.paragraphs[0]
    for piece in ("Page ", "PAGE", " of ", "NUMPAGES"):
        run = footer.add_run()
        _styled(run, size=Pt(8), colour=GREY)
        if piece.isupper():
            _field(run, piece)
        else:
            run.text = piece


def _field(run, code: str) -> None:
    begin, text, end = (OxmlElement(tag) for tag in ("w:fldChar", "w:instrText", "w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = code
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, end):
        run._r.append(element)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)


def _styled(run, size=None, colour=None, bold=None, italic=None):
    if size is not None:
        run.font.size = size
    if colour is not None:
        run.font.color.rgb = colour
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    return run


def _add_runs(paragraph, runs: tuple[Run, ...], **style) -> None:
    for piece in runs:
        run = paragraph.add_run(piece.text)
        _styled(run, **style)
        if piece.bold:
            run.bold = True
        if piece.italic:
            run.italic = True


def _para(document, runs: tuple[Run, ...], style: str) -> None:
    paragraph = document.add_paragraph()
    if style == "meta":
        _add_runs(paragraph, runs, size=Pt(9), colour=GREY)
    elif style == "note":
        _add_runs(paragraph, runs, italic=True)
    elif style == "flag":
        _add_runs(paragraph, runs, colour=RED, bold=True)
    else:
        _add_runs(paragraph, runs)


def _lines(document, part: Lines) -> None:
    for line in part.lines:
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        text_at = TEXT_STOP + CHARACTER * line.indent
        fmt.left_indent = text_at
        fmt.first_line_indent = -text_at
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.keep_together = True
        fmt.tab_stops.add_tab_stop(NUMBER_STOP, WD_TAB_ALIGNMENT.RIGHT)
        fmt.tab_stops.add_tab_stop(text_at, WD_TAB_ALIGNMENT.LEFT)
        _styled(paragraph.add_run(f"\t{line.number}\t"), size=Pt(8), colour=GREY)
        _styled(paragraph.add_run(line.text), size=LINE_SIZE, bold=line.heading or None)
    if part.lines:
        document.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _prose(document, part: Prose) -> None:
    base = Mm(5) if part.style in ("instruction", "quote") else Mm(0)
    for block in part.blocks:
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        left = base + Mm(6) * block.depth
        if block.marker:
            hang = Mm(7)
            fmt.left_indent = left + hang
            fmt.first_line_indent = -hang
            fmt.tab_stops.add_tab_stop(left + hang)
            paragraph.add_run(f"{block.marker}\t")
        else:
            fmt.left_indent = left
        _add_runs(paragraph, block.runs, bold=True if block.heading else None)


def _table(document, part: Table) -> None:
    table = document.add_table(rows=1, cols=len(part.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, part.header, strict=True):
        cell.text = ""
        _styled(cell.paragraphs[0].add_run(text), size=Pt(9), bold=True)
    for row in part.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _styled(cell.paragraphs[0].add_run(text), size=Pt(9))
    document.add_paragraph()

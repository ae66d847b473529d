"""Printable documents: order papers, composites, agreed text and record, as PDF and Word."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from collections import OrderedDict
from io import BytesIO

import docx
import pytest

from compositing import numbered_lines
from motions.demo.loader import DEMO_LOGINS, load_demo
from motions.documents import pdf
from motions.models import Composite, Role, Ruling
from motions.models.base import utcnow

LONG = ("1. Conference notes that the regional groups of the alliance have had almost no "
        "contact with each other since the founding meeting, and that several of them have "
        "asked for help.\n\n"
        "2. Conference resolves to appoint Regional Organisers for profit, and to:\n\n"
        "   - meet quarterly;\n"
        "   - report to every **national** meeting in writing.\n")
SHORT = "Conference resolves to publish a newsletter every month."
AMENDMENT = "In point 2 delete “for profit”."


def weasyprint_loads() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


needs_weasyprint = pytest.mark.skipif(
    not weasyprint_loads(),
    reason="WeasyPrint cannot load Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0)",
)


@pytest.fixture
def heading(make_heading, make_user, make_submission, db):
    heading = make_heading("Recruitment, networking", published=True)
    author = make_user(Role.SUBMITTER, name="York LRC secretary")
    first = make_submission(heading, author, title="Regional organisers", text=LONG,
                            ruling=Ruling.IN_ORDER, names=["Ann Able", "Bob Baker"])
    first.mover, first.seconder = "Ann Able", "Bob Baker"
    make_submission(heading, author, title="Ruled out", text="Out of order text.",
                    ruling=Ruling.OUT_OF_ORDER)
    make_submission(heading, author, title="Newsletter", text=SHORT, ruling=Ruling.IN_ORDER)
    make_submission(heading, author, target=first, ruling=Ruling.IN_ORDER, text=AMENDMENT)
    make_submission(heading, author, target=first, ruling=Ruling.PENDING,
                    text="Delete “quarterly” insert “monthly”.")
    withdrawn = make_submission(heading, author, target=first, ruling=Ruling.IN_ORDER,
                                text="Add at end: “Withdrawn words.”")
    withdrawn.withdrawn_at = utcnow()
    db.session.commit()
    return heading


@pytest.fixture
def delegate(make_user, make_organisation):
    return make_user(Role.DELEGATE, organisation=make_organisation())


def word_of(response) -> tuple[list[str], list[str]]:
    """Paragraph texts and table cell texts of a Word response."""
    assert response.status_code == 200, response.text[:500]
    assert response.mimetype.endswith("wordprocessingml.document")
    document = docx.Document(BytesIO(response.data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs], cells


def printed_lines(paragraphs: list[str]) -> list[tuple[int, str]]:
    return [(int(m[1]), m[2]) for p in paragraphs if (m := re.fullmatch(r"\t(\d+)\t(.*)", p))]


def screen_lines(page: str) -> list[tuple[int, str]]:
    """The numbered lines a screen shows (not those of an amendment's effect)."""
    texts = re.findall(r'<ol class="numbered" aria-label="Text with line numbers">(.*?)</ol>',
                       page, re.S)
    pattern = r'<span class="ln" aria-hidden="true">(\d+)</span><span class="lt"[^>]*>(.*?)</span>'
    return [(int(n), html.unescape(line)) for text in texts
            for n, line in re.findall(pattern, text)]


def pdf_text(data: bytes, tmp_path, layout: bool = True) -> str:
    """The PDF's text by pdftotext: with layout, line by line (spaces collapsed); without,
    as one run of words (so words wrapped in a table cell read on)."""
    source = tmp_path / "paper.pdf"
    source.write_bytes(data)
    out = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(source), "-"],
                         capture_output=True, check=True, text=True).stdout
    if not layout:
        return " ".join(out.split())
    return "\n".join(" ".join(line.split()) for line in out.splitlines())


def expected_lines(text: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in numbered_lines(text, width=80)]


# --- the order paper of a heading -------------------------------------------------------------


def test_word_order_paper_has_the_motions_their_numbered_lines_and_amendments(
        client, login, heading, delegate):
    login(delegate)
    response = client.get(f"/documents/headings/{heading.id}/order-paper.docx")
    assert "order-paper-1-recruitment-networking.docx" in response.headers["Content-Disposition"]
    paragraphs, _ = word_of(response)
    text = "\n".join(paragraphs)
    assert "A) Regional organisers" in paragraphs and "C) Newsletter" in paragraphs
    assert "Ruled out" not in text
    assert ("Submitted by Ann Able et al (Ann Able, Bob Baker). "
            "Moved by Ann Able, seconded by Bob Baker.") in paragraphs
    # Line numbers run on per motion, exactly as numbered_lines prints them (long lines wrap).
    lines = printed_lines(paragraphs)
    assert lines == expected_lines(LONG) + expected_lines(SHORT)
    assert len(expected_lines(LONG)) > 5
    assert "Amendment A1 from York LRC secretary" in paragraphs
    assert AMENDMENT in paragraphs
    assert "Procedural note: Vote for or against" in paragraphs
    # Pending and withdrawn amendments are not on the order paper.
    assert "quarterly” insert" not in text and "Withdrawn words" not in text


def test_the_papers_lines_are_the_screens_lines(client, login, heading, delegate):
    login(delegate)
    screen = screen_lines(client.get(f"/headings/{heading.id}").text)
    paragraphs, _ = word_of(client.get(f"/documents/headings/{heading.id}/order-paper.docx"))
    assert screen and printed_lines(paragraphs) == screen


@needs_weasyprint
def test_pdf_order_paper_is_a_pdf_with_the_numbered_lines(client, login, heading, delegate,
                                                          tmp_path):
    login(delegate)
    response = client.get(f"/documents/headings/{heading.id}/order-paper.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-") and len(response.data) > 5_000
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing (Debian: poppler-utils): the PDF's text is not read")
    text = pdf_text(response.data, tmp_path)
    printed = text.splitlines()
    for number, line in expected_lines(LONG) + expected_lines(SHORT):
        assert f"{number} {' '.join(line.split())}" in printed, (number, line)
    assert "A) Regional organisers" in text and "Amendment A1 from York LRC secretary" in text
    assert "Procedural note: Vote for or against" in text
    assert "Ruled out" not in text


def test_the_html_weasyprint_prints_has_every_numbered_line(app, heading):
    from motions.documents import content, pdf

    with app.test_request_context():
        page = pdf.html(content.heading_order_paper(heading))
    lines = re.findall(r'<span class="ln">(\d+)</span><span class="lt"[^>]*>(.*?)</span>', page)
    assert [(int(n), html.unescape(t)) for n, t in lines] == (expected_lines(LONG)
                                                              + expected_lines(SHORT))
    assert "white-space: pre" in page  # a numbered line is never re-wrapped


def test_without_pango_the_pdf_is_503_and_says_what_to_install(client, login, heading, delegate,
                                                               monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    monkeypatch.setattr(pdf, "_printed", OrderedDict())  # nothing printed before
    login(delegate)
    response = client.get(f"/documents/headings/{heading.id}/order-paper.pdf")
    assert response.status_code == 503
    assert "libpango-1.0-0" in response.text and "libpangoft2-1.0-0" in response.text
    assert client.get(f"/documents/headings/{heading.id}/order-paper.docx").status_code == 200


@needs_weasyprint
def test_the_same_paper_is_printed_once(client, login, heading, delegate, monkeypatch):
    monkeypatch.setattr(pdf, "_printed", OrderedDict())
    printed = []
    real = pdf.weasyprint

    def counting():
        printed.append(1)
        return real()

    monkeypatch.setattr(pdf, "weasyprint", counting)
    login(delegate)
    first = client.get(f"/documents/headings/{heading.id}/order-paper.pdf")
    second = client.get(f"/documents/headings/{heading.id}/order-paper.pdf")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and len(printed) == 1


def test_the_pages_link_to_the_documents(client, login, heading, delegate):
    login(delegate)
    page = client.get(f"/headings/{heading.id}").text
    assert f"/documents/headings/{heading.id}/order-paper.pdf" in page
    assert f"/documents/headings/{heading.id}/order-paper.docx" in page


# --- who may download ------------------------------------------------------------------------


def test_an_unpublished_heading_is_404_for_delegates_and_a_draft_for_the_cac(
        client, login, make_heading, make_user, make_submission, delegate):
    heading = make_heading("Not yet", published=False)
    make_submission(heading, make_user(Role.SUBMITTER), title="Hidden motion", text=SHORT,
                    ruling=Ruling.IN_ORDER)
    assert client.get(f"/documents/headings/{heading.id}/order-paper.docx").status_code == 302
    login(delegate)
    for fmt in ("pdf", "docx"):
        assert client.get(f"/documents/headings/{heading.id}/order-paper.{fmt}").status_code == 404
    assert "order-paper" not in client.get(f"/headings/{heading.id}").text
    client.post("/logout")
    login(make_user(Role.CAC))
    paragraphs, _ = word_of(client.get(f"/documents/headings/{heading.id}/order-paper.docx"))
    assert "A) Hidden motion" in paragraphs
    assert any(p.startswith("Draft: not yet published") for p in paragraphs)
    assert "/order-paper.pdf" in client.get(f"/headings/{heading.id}").text
    assert client.get("/documents/headings/99999/order-paper.docx").status_code == 404
    assert client.get(f"/documents/headings/{heading.id}/order-paper.txt").status_code == 404


# --- the demo conference: the published composite on the order paper ----------------------------


@pytest.fixture
def demo(db):
    conference = load_demo()
    db.session.commit()
    return conference


def demo_login(client, role: str) -> None:
    response = client.post("/login", data={"email": DEMO_LOGINS["accounts"][role],
                                           "password": DEMO_LOGINS["password"]})
    assert response.status_code == 302


def test_the_demo_order_paper_prints_the_composite_then_the_motions_as_on_screen(
        client, login, db, demo):
    heading = next(h for h in demo.headings if h.title == "Our structures/constitution")
    composite = db.session.execute(db.select(Composite)).scalars().one()
    demo_login(client, "delegate")
    paragraphs, _ = word_of(client.get(f"/documents/headings/{heading.id}/order-paper.docx"))
    text = "\n".join(paragraphs)
    for expected in ("O) CAC composite constitution", "CAC procedural motion", "Taken first.",
                     "1) Aims", "1.1 Common ground:", "Amendment from Rotherham Left Momentum",
                     "1.2 Differences:", "2.2 Difference: Political orientation/eligibility",
                     "The original motions",
                     "B) Draft constitution: London Labour Left Alliance"):
        assert expected in paragraphs, expected
    assert "Option B: [LAW/SLL, Tees Valley LL, London LLA]" in paragraphs
    assert ("Procedural note: They will be taken against each other as they are incompatible, "
            "with an additional option of ‘Neither’.") in paragraphs
    assert "“Free movement of people” [LAW/Sheffield LL]" in text
    assert re.search(r"If Option [A-Z, ]+(or [A-Z] )?of \d\.\d is agreed:", text)
    assert "Delete “Aims” and replace with “Principles”" in text
    # The composite's common ground is numbered from each section's title (line 1), then the
    # motions' lines: the same numbers, the same words as the two screens.
    lines = printed_lines(paragraphs)
    composite_screen = screen_lines(client.get(f"/composites/{composite.id}").text)
    motions_screen = screen_lines(client.get(f"/headings/{heading.id}").text)
    assert lines[0][0] == 2 and lines == composite_screen + motions_screen
    # Amendments B1 and B2 to draft B, each with its instructions and note.
    assert "Amendments to motion B" in paragraphs
    assert sum(p.startswith("Amendment B") for p in paragraphs) == 2


def test_the_composite_alone_and_its_drafts_only_for_the_cac(client, login, db, demo):
    composite = db.session.execute(db.select(Composite)).scalars().one()
    demo_login(client, "delegate")
    page = client.get(f"/composites/{composite.id}").text
    assert f"/documents/composites/{composite.id}/order-paper.pdf" in page
    paragraphs, _ = word_of(client.get(f"/documents/composites/{composite.id}/order-paper.docx"))
    assert paragraphs[0] == "CAC composite constitution"
    assert "3.1 Common ground:" in paragraphs and "The original motions" not in paragraphs
    composite.status = "draft"
    db.session.commit()
    assert client.get(f"/documents/composites/{composite.id}/order-paper.docx").status_code == 404
    client.post("/logout")
    demo_login(client, "cac")
    paragraphs, _ = word_of(client.get(f"/documents/composites/{composite.id}/order-paper.docx"))
    assert any(p.startswith("Draft: not yet published") for p in paragraphs)


@needs_weasyprint
def test_the_demo_composite_as_pdf(client, login, db, demo, tmp_path):
    composite = db.session.execute(db.select(Composite)).scalars().one()
    demo_login(client, "delegate")
    response = client.get(f"/documents/composites/{composite.id}/order-paper.pdf")
    assert response.data.startswith(b"%PDF-") and len(response.data) > 20_000
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing (Debian: poppler-utils): the PDF's text is not read")
    text = pdf_text(response.data, tmp_path)
    assert "2 The Labour Left Alliance was set in July 2019 to bring together groups and" in text
    assert "Amendment from Rotherham Left Momentum" in text


# --- agreed text and record of decisions -------------------------------------------------------


def vote(client, db, heading, **votes):
    from motions.voting.services import session_for

    version = len(session_for(heading).actions)
    data = {"version": version, **{k: str(v) for k, v in votes.items()}}
    assert client.post(f"/voting/headings/{heading.id}/count", data=data).status_code == 302
    data = {"version": version + 1}
    assert client.post(f"/voting/headings/{heading.id}/declare", data=data).status_code == 302


def test_agreed_text_and_record_list_every_decision(client, login, db, heading, delegate,
                                                    make_user, tmp_path):
    from motions.voting.services import live, session_for

    assert client.get(f"/documents/headings/{heading.id}/agreed.docx").status_code == 302
    login(make_user(Role.CHAIR, name="Cheryl Chair"))
    assert client.get(f"/documents/headings/{heading.id}/agreed.docx").status_code == 404
    assert client.post(f"/voting/headings/{heading.id}/start").status_code == 302
    vote(client, db, heading, **{"for": 30, "against": 10, "abstain": 2})  # A1 carried
    paragraphs, _ = word_of(client.get(f"/documents/headings/{heading.id}/agreed.docx"))
    assert "Voting is still going on: this text is provisional." in paragraphs
    vote(client, db, heading, **{"for": 40, "against": 3})  # motion A as amended
    vote(client, db, heading, **{"for": 2, "against": 50})  # motion C lost
    record = live(session_for(heading)).engine.agreed().record
    assert len(record) == 3

    client.post("/logout")
    login(delegate)
    assert f"/documents/headings/{heading.id}/agreed.pdf" in client.get(
        f"/voting/headings/{heading.id}/record").text
    response = client.get(f"/documents/headings/{heading.id}/agreed.docx")
    paragraphs, cells = word_of(response)
    assert "agreed-1-recruitment-networking.docx" in response.headers["Content-Disposition"]
    text = "\n".join(paragraphs)
    assert "provisional" not in text
    assert "Conference resolves to appoint Regional Organisers, and to:" in text
    assert "for profit" not in text and "Conference resolves to publish" not in text
    for decision in record:
        assert decision.title in cells
        assert any(cell.startswith(decision.result.value) for cell in cells)
    assert "for 30, against 10, abstain 2" in cells
    assert "Every input, as recorded" in paragraphs and "Cheryl Chair" in cells

    if weasyprint_loads():
        response = client.get(f"/documents/headings/{heading.id}/agreed.pdf")
        assert response.data.startswith(b"%PDF-") and len(response.data) > 5_000
        if shutil.which("pdftotext"):
            printed = pdf_text(response.data, tmp_path, layout=False)
            assert "Record of decisions" in printed
            for decision in record:
                assert decision.title in printed


def test_the_record_of_an_unpublished_heading_is_the_cacs(client, login, db, heading, delegate,
                                                          make_user):
    login(make_user(Role.CHAIR))
    client.post(f"/voting/headings/{heading.id}/start")
    heading.published_at = None
    db.session.commit()
    client.post("/logout")
    login(delegate)
    assert client.get(f"/documents/headings/{heading.id}/agreed.docx").status_code == 404
    client.post("/logout")
    login(make_user(Role.CAC))
    assert client.get(f"/documents/headings/{heading.id}/agreed.docx").status_code == 200

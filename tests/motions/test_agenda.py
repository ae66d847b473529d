"""Delegates read published, in-order motions and amendments with numbered lines."""

import pytest

from motions.models import Role, Ruling

TEXT = ("1. Conference notes the lack of contact between CLPs and left-leaning groups.\n\n"
        "2. Conference resolves to appoint Regional Organisers.")


@pytest.fixture
def delegate(make_user, make_organisation):
    return make_user(Role.DELEGATE, organisation=make_organisation())


@pytest.fixture
def published(make_heading, make_user, make_submission):
    heading = make_heading("Recruitment, networking, social media", published=True)
    author = make_user(Role.SUBMITTER)
    shown = make_submission(heading, author, title="Regional organisers", text=TEXT,
                            ruling=Ruling.IN_ORDER)
    make_submission(heading, author, title="Ruled out", text="1. Nope.",
                    ruling=Ruling.OUT_OF_ORDER)
    make_submission(shown.heading, author, text="In point 2 delete 'Regional'.", target=shown,
                    ruling=Ruling.IN_ORDER)
    make_submission(shown.heading, author, text="Delete point 1.", target=shown)
    return heading


def test_delegate_reads_published_motions_with_line_numbers(client, login, delegate, published):
    login(delegate)
    page = client.get(f"/headings/{published.id}")
    assert page.status_code == 200
    assert "A) Regional organisers" in page.text
    assert "Ruled out" not in page.text
    assert '<span class="ln" aria-hidden="true">1</span>' in page.text
    assert '<span class="ln" aria-hidden="true">2</span>' in page.text
    assert "In point 2 delete" in page.text
    assert "Delete point 1." not in page.text  # awaiting a ruling: not public


def test_delegate_cannot_read_unpublished_or_out_of_order(client, login, db, delegate,
                                                          published, make_heading, make_user,
                                                          make_submission):
    hidden = make_submission(make_heading(), make_user(Role.SUBMITTER), title="Draft",
                             ruling=Ruling.IN_ORDER)
    ruled_out = published.motions[1]
    login(delegate)
    assert client.get(f"/submissions/{hidden.id}").status_code == 404
    assert client.get(f"/submissions/{ruled_out.id}").status_code == 404
    assert client.get(f"/headings/{hidden.heading_id}").status_code == 404


def test_delegates_see_nothing_of_an_unpublished_heading(client, login, delegate, make_heading,
                                                        make_user, make_organisation):
    shown = make_heading("Recruitment", published=True)
    hidden = make_heading("Secret strategy")
    hidden.description = "Our plans for the leadership."
    login(delegate)
    agenda = client.get("/").text
    assert "Recruitment" in agenda and "Secret strategy" not in agenda
    page = client.get(f"/headings/{hidden.id}")
    assert page.status_code == 404 and "Secret strategy" not in page.text
    for path in ("screen", "version", "events", "record"):
        assert client.get(f"/voting/headings/{hidden.id}/{path}").status_code == 404, path
    assert client.get(f"/documents/headings/{hidden.id}/order-paper.docx").status_code == 404
    assert client.get(f"/headings/{shown.id}").status_code == 200
    # A submitter still sees the unpublished heading: it is the call for motions.
    client.post("/logout")
    login(make_user(Role.SUBMITTER, organisation=make_organisation()))
    assert "Secret strategy" in client.get("/").text
    assert "Our plans for the leadership." in client.get(f"/headings/{hidden.id}").text


def test_motion_text_is_rendered_without_raw_html(client, login, delegate, make_heading,
                                                  make_user, make_submission):
    heading = make_heading(published=True)
    motion = make_submission(heading, make_user(Role.SUBMITTER), title="<b>Bold</b>",
                             text="1. <script>alert(1)</script> resolves.",
                             ruling=Ruling.IN_ORDER)
    make_submission(heading, motion.created_by, text="Add: <img src=x onerror=alert(1)>",
                    target=motion, ruling=Ruling.IN_ORDER)
    login(delegate)
    page = client.get(f"/submissions/{motion.id}").text
    assert "<script>" not in page and "<img" not in page and "<b>Bold" not in page
    assert "&lt;script&gt;" in page


def test_agenda_lists_headings_in_order(client, login, delegate, conference, make_heading):
    make_heading("Recruitment", published=True)
    make_heading("Campaigning", published=True)
    login(delegate)
    page = client.get("/").text
    assert page.index("Recruitment") < page.index("Campaigning")
    assert conference.name in page

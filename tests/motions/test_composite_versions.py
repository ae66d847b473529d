"""Comparing two versions of a composite: part by part, rendered as printed, unchanged
paragraphs folded, "next change" links, and words for what changed without printing."""

from __future__ import annotations

import pytest

from motions.models import Composite, Role, Ruling
from tests.motions.test_composites import DULWICH, LONDON, group_data

PARAGRAPHS = ["The alliance **brings together** groups.", *(f"Paragraph {n}." for n in range(2, 7)),
              "Members meet monthly."]


@pytest.fixture
def composite(client, login, db, heading, make_user, make_organisation, make_submission):
    for name, text in (("Dulwich LL", DULWICH), ("London LLA", LONDON)):
        make_submission(heading, make_user(Role.SUBMITTER, organisation=make_organisation(name)),
                        title=f"{name} draft", text=text, ruling=Ruling.IN_ORDER)
    login(make_user(Role.CAC, name="Cass CAC"))
    response = client.post(f"/composites/headings/{heading.id}/new", data={
        "motions": [m.id for m in heading.motions], "title": "Aims composite"})
    assert response.status_code == 302, response.text
    return db.session.execute(db.select(Composite)).scalar_one()


def edit_common_ground(client, composite, paragraphs: list[str]):
    response = client.post(f"/composites/{composite.id}/sections/0", data={
        "s0-version": composite.version, "s0-number": "1", "s0-title": "Aims",
        "s0-common_number": "1.1", "s0-common_text": "\n\n".join(paragraphs)})
    assert response.status_code == 302, response.text


def compared(client, composite, a: int, b: int) -> str:
    page = client.get(f"/composites/{composite.id}/versions?a={a}&b={b}")
    assert page.status_code == 200
    return page.text.split('class="version-diff"')[1].split("</main>")[0]


def part(page: str, title: str) -> str:
    return page.split(f'aria-label="{title}"')[1].split("</section>")[0]


@pytest.fixture
def edited(client, composite):
    """Version 2: seven paragraphs of common ground; 3: a second section; 4: the first and the
    last paragraph of section 1 changed."""
    edit_common_ground(client, composite, PARAGRAPHS)
    assert client.post(f"/composites/{composite.id}/sections/new", data={
        "new-section-version": composite.version, "new-section-number": "2",
        "new-section-title": "Structures"}).status_code == 302
    edit_common_ground(client, composite, ["The alliance **unites** groups.", *PARAGRAPHS[1:6],
                                           "Members meet every month."])
    return composite


def test_a_version_diff_is_shown_section_by_section(client, edited):
    page = compared(client, edited, 3, 4)
    changed = part(page, "Section 1) Aims")
    assert "unites" in changed and "every month" in changed
    unchanged = part(page, "Section 2) Structures")
    assert "<details" in unchanged and "Section 2) Structures: unchanged" in unchanged
    assert "Title and note: unchanged" in part(page, "Title and note")


def test_the_diff_is_rendered_not_raw_markdown(client, edited):
    changed = part(compared(client, edited, 3, 4), "Section 1) Aims")
    assert "**" not in changed and "###" not in changed and "## 1)" not in changed
    assert '<div class="changed prose">The alliance <del>brings together</del><ins>unites</ins>' \
        ' groups.</div>' in changed
    assert "<h5>1.1 Common ground:</h5>" in changed  # the printed heading, as a heading


def test_unchanged_paragraphs_are_folded_and_changes_link_to_the_next(client, edited):
    changed = part(compared(client, edited, 3, 4), "Section 1) Aims")
    # Paragraphs 2 to 6 lie between the two changes: 2 and 6 stay in view beside them.
    fold = changed.split('<details class="fold"><summary>')[1].split("</details>")[0]
    assert fold.startswith("3 unchanged paragraphs")
    assert all(f"Paragraph {n}." in fold for n in (3, 4, 5))
    assert "Paragraph 2." not in fold and "Paragraph 6." not in fold
    assert 'id="change-1"' in changed and 'id="change-2"' in changed
    first = changed.split('id="change-1"')[1].split('id="change-2"')[0]
    assert "Change 1 of 2" in first and 'href="#change-2">Next change ↓</a>' in first
    assert "Back to the top" in changed.split('id="change-2"')[1]


def test_the_summary_links_to_the_first_change_of_each_changed_part(client, edited):
    page = compared(client, edited, 2, 4)
    summary = page.split("</p>")[0]
    assert "3 changes to what the order paper prints" in summary
    assert '<a href="#change-1">Section 1) Aims</a>' in summary
    assert '<a href="#change-3">Section 2) Structures</a>' in summary
    assert '<ins class="block"><h4>2) Structures</h4>' in part(page, "Section 2) Structures")


def test_a_reason_for_leaving_a_clause_out_is_said_though_nothing_printed_changed(
        client, composite):
    key = str(composite.sources[1].id)
    assert client.post(f"/composites/{composite.id}/left-out", data={
        "version": composite.version, "motion": key, "index": 4,
        "reason": "For the organising group"}).status_code == 302
    page = compared(client, composite, 1, 2)
    assert "Nothing the order paper prints changed between version 1 and version 2" in page
    said = part(page, "Not printed on the order paper")
    assert ("Clause 5 of motion B (“Members pay a subscription.”) left out, the CAC&#39;s reason: "
            "“For the organising group”.") in said


def test_a_clause_moved_to_another_option_is_said(client, composite):
    options = [(o.label, o.text, ", ".join(o.attribution), str(n))
               for n, o in enumerate(composite.content.sections[0].groups[0].options)]
    group = composite.content.sections[0].groups[0]
    # The same printed options, but option A now stands for what option B came from.
    options[0], options[1] = ((options[0][0], options[0][1], options[0][2], "1"),
                              (options[1][0], options[1][1], options[1][2], "0"))
    response = client.post(f"/composites/{composite.id}/sections/0/groups/0", data=group_data(
        "s0g0", composite.version, group.number, group.kind.value, options, title=group.title))
    assert response.status_code == 302, response.text
    page = compared(client, composite, 1, 2)
    assert "Nothing the order paper prints changed" in page
    said = part(page, "Not printed on the order paper")
    assert "now stands in option A of 1.2 (no longer in option B of 1.2)" in said


def test_a_version_that_changed_nothing_stored_says_what_its_note_says(client, composite):
    base = {"procedure-version": composite.version, "procedure-text": "",
            "procedure-if_carried": "also_take_originals", "procedure-if_lost": "take_originals"}
    assert client.post(f"/composites/{composite.id}/procedure", data=base).status_code == 302
    page = compared(client, composite, 1, 2)
    assert "Nothing the order paper prints changed" in page
    assert "The two versions are the same as stored; version 2 says: “What the procedural " \
           "motion does changed — if carried: The original motions are still taken" in page
    again = client.post(f"/composites/{composite.id}/procedure",
                        data=dict(base, **{"procedure-version": composite.version}))
    assert again.status_code == 422 and "Nothing changed" in again.text


def test_beyond_the_changes_a_page_shows_one_by_one_the_rest_is_shown_whole(
        client, edited, monkeypatch):
    from motions.composites import version_diff

    monkeypatch.setattr(version_diff, "MAX_CHANGES", 3)
    page = compared(client, edited, 2, 4)
    assert 'id="change-3"' in page and 'id="change-4"' not in page
    rest = part(page, "Section 2) Structures to CAC procedural motion")
    assert "the rest is shown whole" in rest
    assert '<ins class="block"><h4>2) Structures</h4>' in rest


def test_unchanged_parts_in_a_row_fold_together(client, edited):
    assert client.post(f"/composites/{edited.id}/procedure", data={
        "procedure-version": edited.version, "procedure-text": "Take the composite.",
        "procedure-if_carried": "supersede", "procedure-if_lost": "take_originals"},
    ).status_code == 302
    page = compared(client, edited, 4, 5)
    assert "<summary>Title and note to Section 2) Structures: unchanged</summary>" in page
    assert "Members meet every month." in page  # folded, still there to open
    assert '<ins class="block"><p>Take the composite.</p>' in part(page, "CAC procedural motion")

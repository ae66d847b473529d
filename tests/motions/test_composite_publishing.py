"""Publishing a composite is deliberate; two CAC members can work on one composite at once; a
published composite is fixed once voting on its heading has started."""

from __future__ import annotations

import pytest

from motions.models import AuditEvent, Composite, Role, Ruling
from tests.motions.test_composites import DULWICH, LONDON

CONFIRMED = {"confirmed": "yes"}


@pytest.fixture
def cac(make_user):
    return make_user(Role.CAC, name="Cass CAC")


@pytest.fixture
def motions(heading, make_user, make_organisation, make_submission):
    return [
        make_submission(heading, make_user(Role.SUBMITTER, organisation=make_organisation(name)),
                        title=title, text=text, ruling=Ruling.IN_ORDER)
        for name, title, text in (("Dulwich LL", "Dulwich draft", DULWICH),
                                  ("London LLA", "London draft", LONDON))
    ]


@pytest.fixture
def composite(client, login, db, cac, heading, motions) -> Composite:
    """The engine's draft of the two motions, made by the CAC member now logged in."""
    login(cac)
    response = client.post(f"/composites/headings/{heading.id}/new",
                           data={"motions": [m.id for m in motions], "title": "Aims composite"})
    assert response.status_code == 302, response.text
    return db.session.execute(db.select(Composite)).scalar_one()


def publish(client, composite, **extra):
    return client.post(f"/composites/{composite.id}/publish",
                       data={**CONFIRMED, "version": composite.version, **extra})


def section_data(s: int, version: int, base: int, title: str, text: str, number: str) -> dict:
    return {f"s{s}-version": version, f"s{s}-base": base, f"s{s}-number": number,
            f"s{s}-title": title, f"s{s}-common_number": f"{number}.1",
            f"s{s}-common_text": text}


def edit_section(client, composite, s, **fields):
    return client.post(f"/composites/{composite.id}/sections/{s}", data=section_data(s, **fields))


@pytest.fixture
def two_sections(client, composite):
    """The composite with a second section, as both CAC members load it (version 2)."""
    added = client.post(f"/composites/{composite.id}/sections/new", data={
        "new-section-version": composite.version, "new-section-number": "2",
        "new-section-title": "Structures"})
    assert added.status_code == 302
    return composite


@pytest.fixture
def second_cac(make_user):
    return make_user(Role.CAC, name="Dana Delegate-to-CAC")


def switch(client, login, user):
    client.post("/logout")
    login(user)


# --- publishing asks first ------------------------------------------------------------------


def test_publishing_asks_first_saying_what_delegates_will_see(client, db, composite):
    editor = client.get(f"/composites/{composite.id}/edit").text
    assert f'href="/composites/{composite.id}/publish"' in editor  # a link, not a one-click POST

    page = client.get(f"/composites/{composite.id}/publish")
    assert page.status_code == 200
    assert "What delegates will see" in page.text
    assert "1 section with line-numbered common ground" in page.text
    assert "motions A (Dulwich LL), B (London LLA)" in page.text
    assert "No procedural motion is attached" in page.text
    assert "Publish for delegates" in page.text
    # The heading is not published yet: delegates will see it only with the heading.
    assert "Not before the heading is published" in page.text

    unconfirmed = client.post(f"/composites/{composite.id}/publish",
                              data={"version": composite.version})
    assert unconfirmed.status_code == 200 and "What delegates will see" in unconfirmed.text
    db.session.refresh(composite)
    assert not composite.is_published


def test_an_untouched_engine_draft_is_published_only_when_the_cac_says_so(client, db,
                                                                          composite, cac):
    page = client.get(f"/composites/{composite.id}/publish").text
    assert "This is still the engine's proposal" in page
    [checkbox] = [tag for tag in page.split("<input")[1:] if 'name="as_proposed"' in tag]
    assert "required" in checkbox.split(">")[0]  # the browser will not submit it unticked

    refused = publish(client, composite)
    assert refused.status_code == 409
    assert "still the engine&#39;s proposal, untouched" in refused.text
    assert not composite.is_published

    published = publish(client, composite, as_proposed="y")
    assert published.status_code == 302
    assert composite.is_published and composite.published_by == cac
    assert "delegates will read it once the heading" in client.get(published.location).text
    event = db.session.execute(db.select(AuditEvent).filter_by(action="published")).scalar_one()
    assert "the engine's proposal as it stands" in event.detail


def test_an_edited_draft_needs_no_such_word(client, composite):
    common = composite.content.sections[0].common_ground.text
    edited = edit_section(client, composite, 0, version=composite.version, base=1, number="1",
                          title="Aims and principles", text=common)
    assert edited.status_code == 302
    page = client.get(f"/composites/{composite.id}/publish").text
    assert "still the engine's proposal" not in page and 'name="as_proposed"' not in page
    assert publish(client, composite).status_code == 302 and composite.is_published


def test_a_second_published_composite_of_the_same_motions_is_refused_naming_the_first(
        client, db, heading, motions, composite):
    second = client.post(f"/composites/headings/{heading.id}/new", data={
        "motions": [m.id for m in motions], "title": "Aims composite, take two"})
    assert second.status_code == 302
    other = db.session.execute(
        db.select(Composite).filter_by(title="Aims composite, take two")).scalar_one()
    assert publish(client, composite, as_proposed="y").status_code == 302

    refused = publish(client, other, as_proposed="y")
    assert refused.status_code == 409
    assert "‘Aims composite’ is already published under this heading" in refused.text
    assert "by Cass CAC" in refused.text and "motions A, B too" in refused.text
    db.session.refresh(other)
    assert not other.is_published
    page = client.get(f"/composites/{other.id}/publish").text
    assert "‘Aims composite’ is already published" in page and "Publish for delegates" not in page


# --- two CAC members at once ----------------------------------------------------------------


def test_two_cac_members_edit_different_sections_at_once(client, login, db, two_sections,
                                                         second_cac):
    composite = two_sections
    loaded = {"version": composite.version, "base": len(composite.versions)}
    assert edit_section(client, composite, 0, **loaded, number="1", title="Aims",
                        text="The alliance unites the Labour left.").status_code == 302

    switch(client, login, second_cac)  # filled section 2's form from the same version
    merged = edit_section(client, composite, 1, **loaded, number="2", title="Structures",
                          text="Members meet every month.")
    assert merged.status_code == 302
    assert "merged with version 3, which Cass CAC saved meanwhile" in client.get(
        merged.location).text
    db.session.refresh(composite)
    first, second = composite.content.sections
    assert first.common_ground.text == "The alliance unites the Labour left."
    assert second.common_ground.text == "Members meet every month."
    assert [v.created_by.name for v in composite.versions[-2:]] == [
        "Cass CAC", "Dana Delegate-to-CAC"]


def test_a_collision_keeps_the_typing_beside_their_version(client, login, db, two_sections,
                                                           second_cac):
    composite = two_sections
    loaded = {"version": composite.version, "base": len(composite.versions)}
    assert edit_section(client, composite, 0, **loaded, number="1", title="Aims",
                        text="Cass's wording of the aims.").status_code == 302

    switch(client, login, second_cac)
    refused = edit_section(client, composite, 0, **loaded, number="1", title="Aims",
                           text="Dana's wording of the aims.")
    assert refused.status_code == 409
    assert "Cass CAC saved version 3" in refused.text and "section 1 (Aims)" in refused.text
    assert "Your change was not saved" in refused.text
    theirs = refused.text.split('aria-label="Their version"')[1].split("</aside>")[0]
    assert "saved by Cass CAC" in theirs and "Cass&#39;s wording of the aims." in theirs
    form = refused.text.split(f'action="/composites/{composite.id}/sections/0"')[1]
    assert "Dana&#39;s wording of the aims." in form.split("</form>")[0]  # the typing is kept
    db.session.refresh(composite)
    assert composite.content.sections[0].common_ground.text == "Cass's wording of the aims."

    # Having seen theirs, saving the kept form replaces it deliberately.
    rebased = {"version": composite.version, "base": len(composite.versions)}
    assert f'name="s0-version" type="hidden" value="{composite.version}"' in form
    again = edit_section(client, composite, 0, **rebased, number="1", title="Aims",
                         text="Dana's wording of the aims.")
    assert again.status_code == 302
    assert composite.content.sections[0].common_ground.text == "Dana's wording of the aims."


def test_a_coverage_change_merges_with_an_edit_of_a_section(client, login, db, two_sections,
                                                            second_cac):
    composite = two_sections
    loaded = {"version": composite.version, "base": len(composite.versions)}
    assert edit_section(client, composite, 1, **loaded, number="2", title="Structures",
                        text="Members meet every month.").status_code == 302
    switch(client, login, second_cac)
    key = str(composite.sources[1].id)
    left_out = client.post(f"/composites/{composite.id}/left-out", data={
        **loaded, "motion": key, "index": 4, "reason": "For the organising group"})
    assert left_out.status_code == 302
    db.session.refresh(composite)
    content = composite.content
    assert content.left_out[(key, 4)] == "For the organising group"
    assert content.sections[1].common_ground.text == "Members meet every month."


# --- once voting has started ----------------------------------------------------------------


def test_once_voting_has_started_the_published_composite_is_fixed(
        client, login, db, make_user, heading, composite, cac):
    assert client.post(f"/cac/headings/{heading.id}/publish",
                       data=CONFIRMED).status_code == 302
    assert publish(client, composite, as_proposed="y").status_code == 302
    switch(client, login, make_user(Role.CHAIR))
    assert client.post(f"/voting/headings/{heading.id}/start").status_code == 302
    switch(client, login, cac)

    unpublished = client.post(f"/composites/{composite.id}/unpublish",
                              data={"version": composite.version})
    assert unpublished.status_code == 409 and "has started" in unpublished.text
    amended = client.post(f"/composites/{composite.id}/sections/0/amendments/new", data={
        "version": composite.version, "mover": "Kent LLA", "text": "Delete “every”."})
    assert amended.status_code == 409 and "nothing on its order paper can change" in amended.text
    db.session.refresh(composite)
    assert composite.is_published and composite.content.sections[0].common_ground.amendments == []


def procedure_data(version: int, base: int, text: str, if_carried: str = "supersede") -> dict:
    return {"procedure-version": version, "procedure-base": base, "procedure-text": text,
            "procedure-if_carried": if_carried, "procedure-if_lost": "take_originals"}


def test_the_procedural_motion_merges_with_an_edit_of_a_section(client, login, db,
                                                                two_sections, second_cac):
    composite = two_sections
    loaded = {"version": composite.version, "base": len(composite.versions)}
    assert edit_section(client, composite, 1, **loaded, number="2", title="Structures",
                        text="Members meet every month.").status_code == 302
    switch(client, login, second_cac)
    saved = client.post(f"/composites/{composite.id}/procedure", data=procedure_data(
        loaded["version"], loaded["base"], "Conference takes the composite."))
    assert saved.status_code == 302
    assert "merged with version 3, which Cass CAC saved" in client.get(saved.location).text
    db.session.refresh(composite)
    assert composite.procedural_motion == "Conference takes the composite."
    assert composite.content.sections[1].common_ground.text == "Members meet every month."


def test_two_procedural_motions_collide_and_the_typing_is_kept(client, login, db,
                                                               two_sections, second_cac):
    composite = two_sections
    loaded = {"version": composite.version, "base": len(composite.versions)}
    # Only what happens if it is carried changes: that is a change of the procedural motion too.
    assert client.post(f"/composites/{composite.id}/procedure", data=procedure_data(
        loaded["version"], loaded["base"], "", "also_take_originals")).status_code == 302
    switch(client, login, second_cac)
    refused = client.post(f"/composites/{composite.id}/procedure", data=procedure_data(
        loaded["version"], loaded["base"], "Dana's procedural motion."))
    assert refused.status_code == 409
    assert "changing the procedural motion too" in refused.text
    theirs = refused.text.split('aria-label="Their version"')[1].split("</aside>")[0]
    assert "saved by Cass CAC" in theirs and "No procedural motion." in theirs
    form = refused.text.split(f'action="/composites/{composite.id}/procedure"')[1]
    assert "Dana&#39;s procedural motion." in form.split("</form>")[0]
    db.session.refresh(composite)
    assert composite.procedural_motion == "" and composite.if_carried == "also_take_originals"


def amendment_data(loaded: dict, mover: str, text: str) -> dict:
    return {**loaded, "mover": mover, "text": text}


def test_an_amendment_recorded_while_another_section_changed_is_merged(
        client, login, db, two_sections, second_cac):
    composite = two_sections
    loaded = {"version": composite.version, "base": len(composite.versions)}
    assert edit_section(client, composite, 1, **loaded, number="2", title="Structures",
                        text="Members meet every month.").status_code == 302
    switch(client, login, second_cac)
    recorded = client.post(f"/composites/{composite.id}/sections/0/amendments/new",
                           data=amendment_data(loaded, "Kent LLA", "Delete “in every region”."))
    assert recorded.status_code == 302
    assert "merged with version 3" in client.get(recorded.location).text
    db.session.refresh(composite)
    first, second = composite.content.sections
    assert [a.mover for a in first.common_ground.amendments] == ["Kent LLA"]
    assert second.common_ground.text == "Members meet every month."


def test_an_amendment_to_a_section_changed_meanwhile_keeps_its_typing(
        client, login, db, two_sections, second_cac):
    composite = two_sections
    loaded = {"version": composite.version, "base": len(composite.versions)}
    assert edit_section(client, composite, 0, **loaded, number="1", title="Aims",
                        text="Cass's new common ground.").status_code == 302
    switch(client, login, second_cac)
    refused = client.post(f"/composites/{composite.id}/sections/0/amendments/new",
                          data=amendment_data(loaded, "Kent LLA", "Delete “Cass's”."))
    assert refused.status_code == 409 and "section 1 (Aims)" in refused.text
    assert "Delete “Cass&#39;s”." in refused.text and 'value="Kent LLA"' in refused.text
    assert "Cass&#39;s new common ground." in refused.text  # their version, to amend
    assert f'name="version" type="hidden" value="{composite.version}"' in refused.text


def test_two_reasons_for_leaving_out_one_clause_collide_and_the_typing_is_kept(
        client, login, db, composite, second_cac):
    key = str(composite.sources[1].id)
    loaded = {"version": composite.version, "base": len(composite.versions)}
    assert client.post(f"/composites/{composite.id}/left-out", data={
        **loaded, "motion": key, "index": 4, "reason": "For the organising group"},
    ).status_code == 302
    switch(client, login, second_cac)
    refused = client.post(f"/composites/{composite.id}/left-out", data={
        **loaded, "motion": key, "index": 4, "reason": "A matter for the rules"})
    assert refused.status_code == 409 and "Your change was not saved" in refused.text
    mine = refused.text.split('aria-label="Your reason, not saved"')[1].split("</aside>")[0]
    assert "A matter for the rules" in mine and "Give your reason instead" in mine
    assert f'name="version" type="hidden" value="{composite.version}"' in mine
    db.session.refresh(composite)
    assert composite.content.left_out[(key, 4)] == "For the organising group"
    again = client.post(f"/composites/{composite.id}/left-out", data={
        "version": composite.version, "base": len(composite.versions), "motion": key,
        "index": 4, "reason": "A matter for the rules"})
    assert again.status_code == 302
    db.session.refresh(composite)
    assert composite.content.left_out[(key, 4)] == "A matter for the rules"

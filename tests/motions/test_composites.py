"""The CAC builds a composite from a heading's motions, edits it, accounts for every source
clause, records amendments to its common ground, publishes it; delegates read the order paper."""

from __future__ import annotations

import json
import re

import pytest

from motions.composites import services
from motions.composites.demo import TEXTS
from motions.models import AuditEvent, Composite, CompositeVersion, Role, Ruling

DULWICH = """## 1. Aims

1.1. The alliance brings together groups and individuals on the Labour left.

1.2. It organises democratically and transparently in every region.

1.3. It campaigns for open selection of all MPs."""

LONDON = """## 1. Aims

1.1. The alliance brings together groups and individuals on the Labour left.

1.2. It organises democratically and openly in every region.

1.3. It supports free movement of people.

1.4. Members pay a subscription."""


def confirmed(version: int) -> dict:
    """What the publishing confirmation page posts."""
    return {"confirmed": "yes", "version": version}


@pytest.fixture
def cac(make_user):
    return make_user(Role.CAC, name="Cass CAC")


@pytest.fixture
def motions(heading, make_user, make_organisation, make_submission):
    dulwich = make_organisation("Dulwich LL")
    london = make_organisation("London LLA")
    return [
        make_submission(heading, make_user(Role.SUBMITTER, organisation=dulwich),
                        title="Dulwich draft", text=DULWICH, ruling=Ruling.IN_ORDER),
        make_submission(heading, make_user(Role.SUBMITTER, organisation=london),
                        title="London draft", text=LONDON, ruling=Ruling.IN_ORDER),
    ]


@pytest.fixture
def composite(client, login, db, cac, heading, motions) -> Composite:
    login(cac)
    response = client.post(f"/composites/headings/{heading.id}/new",
                           data={"motions": [m.id for m in motions], "title": "Aims composite"})
    assert response.status_code == 302, response.text
    return db.session.execute(db.select(Composite)).scalar_one()


def group_data(prefix: str, version: int, number: str, kind: str, options, title="Differences",
               condition=("", "")) -> dict:
    data = {f"{prefix}-version": version, f"{prefix}-number": number, f"{prefix}-title": title,
            f"{prefix}-kind": kind, f"{prefix}-intro": "",
            f"{prefix}-condition_group": condition[0],
            f"{prefix}-condition_options": condition[1]}
    for n, (label, text, attribution, origin) in enumerate(options):
        row = f"{prefix}-options-{n}"
        data.update({f"{row}-label": label, f"{row}-text": text,
                     f"{row}-attribution": attribution, f"{row}-origin": origin})
    return data


def content_of(composite: Composite):
    return composite.content


# --- drafting ---------------------------------------------------------------------------------


def test_the_cac_heading_page_offers_to_build_a_composite(client, login, cac, heading, motions):
    login(cac)
    page = client.get(f"/cac/headings/{heading.id}")
    assert "Build a composite" in page.text
    choose = client.get(f"/composites/headings/{heading.id}/new")
    assert choose.status_code == 200
    assert "A) Dulwich draft — Dulwich LL" in choose.text
    assert choose.text.count('type="checkbox"') == 2


def test_a_draft_proposes_common_ground_and_attributed_options(composite, motions, cac, db):
    content = composite.content
    assert composite.title == "Aims composite" and not composite.is_published
    assert composite.sources == motions and composite.created_by == cac
    [section] = content.sections
    assert section.common_ground.text.startswith(
        "The alliance brings together groups and individuals on the Labour left.")
    options = section.groups[0].options
    assert {o.text: o.attribution for o in options} == {
        "It supports free movement of people.": ["London LLA"],
        "It campaigns for open selection of all MPs.": ["Dulwich LL"],
        "Members pay a subscription.": ["London LLA"],
    }
    [version] = composite.versions
    assert version.number == 1 and version.created_by == cac
    assert json.loads(version.data)["title"] == "Aims composite"
    assert "motions A, B" in version.note
    event = db.session.execute(db.select(AuditEvent).filter_by(subject="composite")).scalar_one()
    assert event.action == "created" and event.user == cac


def test_the_editor_and_the_engines_evidence(client, composite):
    edit = client.get(f"/composites/{composite.id}/edit")
    assert edit.status_code == 200
    assert "Save section 1" in edit.text and "Save option group 1.2" in edit.text
    assert "It campaigns for open selection of all MPs." in edit.text
    evidence = client.get(f"/composites/{composite.id}/evidence")
    assert evidence.status_code == 200
    # The wordings that differ are side by side, with the word diff to the suggestion.
    assert "It organises democratically and openly in every region." in evidence.text
    assert re.search(r"<del>\s*openly\s*</del>|<ins>\s*openly\s*</ins>", evidence.text)


@pytest.mark.parametrize("chosen", ["one", "withdrawn", "other heading", "unknown"])
def test_a_draft_needs_two_motions_of_the_heading(client, login, db, cac, heading, motions,
                                                  make_heading, make_submission, chosen):
    from motions.models.base import utcnow

    login(cac)
    ids = [motions[0].id]
    if chosen == "withdrawn":
        motions[1].withdrawn_at = utcnow()
        db.session.commit()
        ids.append(motions[1].id)
    elif chosen == "other heading":
        ids.append(make_submission(make_heading("Other"), motions[0].created_by).id)
    elif chosen == "unknown":
        ids.append(99999)
    response = client.post(f"/composites/headings/{heading.id}/new", data={"motions": ids})
    assert response.status_code == 422
    assert db.session.execute(db.select(Composite)).first() is None


def test_unknown_ids_are_404(client, login, cac, composite):
    login(cac)
    assert client.get("/composites/99999/edit").status_code == 404
    assert client.get("/composites/headings/99999/new").status_code == 404
    assert client.get(f"/composites/{composite.id}/sections/7/amendments/new").status_code == 404
    data = {"s7-version": composite.version, "s7-number": "7", "s7-title": "X"}
    assert client.post(f"/composites/{composite.id}/sections/7", data=data).status_code == 404
    assert client.post(f"/composites/{composite.id}/sections/0/groups/5/remove",
                       data={"version": composite.version}).status_code == 404
    assert client.post(f"/composites/{composite.id}/left-out", data={
        "version": composite.version, "motion": "99999", "index": 0, "reason": "x"},
    ).status_code == 404
    assert client.get(f"/composites/{composite.id}/versions?a=1&b=9").status_code == 404
    assert len(composite.versions) == 1


# --- roles ------------------------------------------------------------------------------------

CAC_SCREENS = [
    ("GET", "/composites/headings/{heading}/new"),
    ("POST", "/composites/headings/{heading}/new"),
    ("GET", "/composites/headings/{heading}/import"),
    ("GET", "/composites/{composite}/edit"),
    ("GET", "/composites/{composite}/coverage"),
    ("GET", "/composites/{composite}/evidence"),
    ("GET", "/composites/{composite}/versions"),
    ("POST", "/composites/{composite}/details"),
    ("POST", "/composites/{composite}/sections/new"),
    ("POST", "/composites/{composite}/sections/0"),
    ("POST", "/composites/{composite}/sections/0/remove"),
    ("POST", "/composites/{composite}/sections/0/groups/new"),
    ("POST", "/composites/{composite}/sections/0/groups/0"),
    ("POST", "/composites/{composite}/sections/0/groups/0/remove"),
    ("GET", "/composites/{composite}/sections/0/amendments/new"),
    ("POST", "/composites/{composite}/sections/0/amendments/preview"),
    ("POST", "/composites/{composite}/sections/0/amendments/0/remove"),
    ("POST", "/composites/{composite}/procedure"),
    ("POST", "/composites/{composite}/left-out"),
    ("POST", "/composites/{composite}/left-out/remove"),
    ("POST", "/composites/{composite}/left-out/rest"),
    ("POST", "/composites/{composite}/place"),
    ("POST", "/composites/{composite}/publish"),
    ("POST", "/composites/{composite}/unpublish"),
]


@pytest.mark.parametrize("role", [Role.DELEGATE, Role.SUBMITTER, Role.CHAIR, Role.TELLER])
def test_only_the_cac_may_build_or_change_composites(client, login, make_user, heading,
                                                     composite, role):
    client.post("/logout")
    login(make_user(role))
    for method, url in CAC_SCREENS:
        response = client.open(url.format(heading=heading.id, composite=composite.id),
                               method=method)
        assert response.status_code == 403, (method, url)
    # A draft is not on anyone else's order paper.
    assert client.get(f"/composites/{composite.id}").status_code == 404
    assert len(composite.versions) == 1


def test_strangers_are_sent_to_log_in(client, composite):
    client.post("/logout")
    response = client.get(f"/composites/{composite.id}")
    assert response.status_code == 302 and "/login" in response.location
    assert client.post(f"/composites/{composite.id}/publish").status_code == 401


def test_the_cac_reaches_every_screen(client, heading, composite):
    for method, url in CAC_SCREENS:
        if method == "GET":
            response = client.get(url.format(heading=heading.id, composite=composite.id))
            assert response.status_code == 200, url


# --- editing ----------------------------------------------------------------------------------


def test_editing_a_section_keeps_a_version_and_versions_compare(client, composite, cac):
    response = client.post(f"/composites/{composite.id}/sections/0", data={
        "s0-version": 1, "s0-number": "1", "s0-title": "Aims and principles",
        "s0-common_number": "1.1",
        "s0-common_text": "The alliance unites groups and individuals on the Labour left.",
    })
    assert response.status_code == 302
    assert response.location.endswith(f"/composites/{composite.id}/edit#s0")
    section = composite.content.sections[0]
    assert section.title == "Aims and principles"
    assert section.common_ground.text == ("The alliance unites groups and individuals on the "
                                          "Labour left.")
    assert [v.number for v in composite.versions] == [1, 2]
    assert composite.versions[1].note == "Section 1 edited"
    compared = client.get(f"/composites/{composite.id}/versions?a=1&b=2")
    assert "<del>brings together</del><ins>unites</ins>" in compared.text
    assert "and principles</ins>" in compared.text and "Cass CAC" in compared.text


def test_a_second_save_of_the_same_version_is_refused(client, db, composite):
    first = {"s0-version": 1, "s0-number": "1", "s0-title": "First", "s0-common_number": "1.1",
             "s0-common_text": "First wording."}
    assert client.post(f"/composites/{composite.id}/sections/0", data=first).status_code == 302
    second = dict(first, **{"s0-title": "Second", "s0-common_text": "Second wording."})
    refused = client.post(f"/composites/{composite.id}/sections/0", data=second)
    assert refused.status_code == 409
    assert "Cass CAC saved version 2" in refused.text
    assert "Your changes were not saved" in refused.text
    assert composite.content.sections[0].title == "First"
    assert len(composite.versions) == 2


def test_option_groups_of_each_kind_print_their_procedural_note(client, composite):
    data = group_data("s0g0", 1, "1.2", "against_each_other_with_neither", [
        ("A", "It supports free movement of people.", "London LLA", "0"),
        ("B", "It campaigns for open selection of all MPs.", "Dulwich LL", "1"),
        ("C", "Members pay a subscription.", "London LLA, Dulwich LL", "2"),
    ], title="Political orientation")
    assert client.post(f"/composites/{composite.id}/sections/0/groups/0",
                       data=data).status_code == 302
    group = composite.content.sections[0].groups[0]
    assert group.kind.value == "against_each_other_with_neither"
    assert group.options[2].attribution == ["London LLA", "Dulwich LL"]
    # Provenance follows the option rows: coverage still finds every clause.
    assert [s.motion for s in group.options[1].sources] == [str(composite.sources[0].id)]
    assert services.coverage_by_motion(composite)[0].unaccounted == []

    conditional = group_data("s0new", 2, "1.3", "against_each_other", [
        ("1", "Immediate elections.", "", ""),
        ("2", "Elections at the next conference.", "", ""),
    ], title="Elections", condition=("1.2", "A, C"))
    assert client.post(f"/composites/{composite.id}/sections/0/groups/new",
                       data=conditional).status_code == 302
    paper = client.get(f"/composites/{composite.id}").text
    assert "1.2 Difference: Political orientation" in paper
    assert ("Procedural note: They will be taken against each other as they are incompatible, "
            "with an additional option of ‘Neither’.") in paper
    assert "[London LLA, Dulwich LL]" in paper
    assert "1.3 If Option A or C of 1.2 is agreed:" in paper
    assert ("Procedural note: If Option A or C of 1.2 is agreed: they will be taken against "
            "each other as they are incompatible.") in paper


@pytest.mark.parametrize(("change", "message"), [
    ({"s0g0-kind": "majority_of_the_loudest"}, "Not a valid choice"),
    ({"s0g0-options-0-text": "  "}, "option A has no text"),
    ({"s0g0-options-1-label": "A"}, "option A appears more than once"),
    ({"s0g0-options-0-label": ""}, "option 1 has no label"),
    ({"s0g0-condition_group": "1.2"}, "a condition needs both"),
    ({"s0g0-number": ""}, "needs a number"),
])
def test_bad_option_groups_are_refused_and_nothing_is_stored(client, composite, change,
                                                             message):
    data = group_data("s0g0", 1, "1.2", "for_or_against_each", [
        ("A", "It supports free movement of people.", "London LLA", "0"),
        ("B", "It campaigns for open selection of all MPs.", "Dulwich LL", "1"),
        ("C", "Members pay a subscription.", "London LLA", "2"),
    ])
    data.update(change)
    before = composite.data
    response = client.post(f"/composites/{composite.id}/sections/0/groups/0", data=data)
    assert response.status_code == 422
    assert message in response.text
    assert composite.data == before and len(composite.versions) == 1
    # The CAC's typing is shown again to correct.
    assert "Members pay a subscription." in response.text


def test_sections_and_groups_can_be_added_and_removed(client, composite):
    added = client.post(f"/composites/{composite.id}/sections/new", data={
        "new-section-version": 1, "new-section-number": "2", "new-section-title": "Structures"})
    assert added.status_code == 302
    assert [s.title for s in composite.content.sections] == ["Aims", "Structures"]
    twice = client.post(f"/composites/{composite.id}/sections/new", data={
        "new-section-version": 2, "new-section-number": "2", "new-section-title": "Again"})
    assert twice.status_code == 422 and "There is a section 2 already" in twice.text
    assert client.post(f"/composites/{composite.id}/sections/1/remove",
                       data={"version": 2}).status_code == 302
    assert client.post(f"/composites/{composite.id}/sections/0/groups/0/remove",
                       data={"version": 3}).status_code == 302
    assert composite.content.sections[0].groups == []
    assert [v.note for v in composite.versions][1:] == [
        "Section 2 added", "Section 2 removed", "Option group 1.2 removed"]


# --- amendments to the common ground ------------------------------------------------------------


def test_the_cac_records_an_amendment_with_its_effect(client, composite):
    url = f"/composites/{composite.id}/sections/0/amendments"
    preview = client.post(f"{url}/preview", data={"text": "Delete “in every region”."})
    assert preview.status_code == 200 and "<del>" in preview.text
    bad = client.post(f"{url}/preview", data={"text": "Delete “no such words”."})
    assert "no such words" in bad.text and "flash error" in bad.text

    form = client.get(f"{url}/new")
    assert 'data-preview-url="/composites/' in form.text
    response = client.post(f"{url}/new", data={
        "version": 1, "mover": "Rotherham Left Momentum",
        "supporting_text": "General principles, not tactics.",
        "text": "Amend section 1 as follows:\n\nDelete “Aims” and replace with “Principles”"})
    assert response.status_code == 302
    [amendment] = composite.content.sections[0].common_ground.amendments
    assert amendment.mover == "Rotherham Left Momentum"
    assert amendment.instruction.startswith("Amend section 1 as follows")
    paper = client.get(f"/composites/{composite.id}").text
    assert "Amendment from Rotherham Left Momentum" in paper
    assert "General principles, not tactics." in paper
    assert "<del>Aims</del>" in paper and "<ins>Principles</ins>" in paper
    assert "Procedural note: Vote for or against" in paper

    removed = client.post(f"{url}/0/remove", data={"version": 2})
    assert removed.status_code == 302
    assert composite.content.sections[0].common_ground.amendments == []


@pytest.mark.parametrize(("mover", "text", "message"), [
    ("", "Delete “openly”.", "Name the mover"),
    ("Kent LLA", "   ", "The amendment has no instructions"),
])
def test_an_amendment_needs_a_mover_and_instructions(client, composite, mover, text, message):
    response = client.post(f"/composites/{composite.id}/sections/0/amendments/new",
                           data={"version": 1, "mover": mover, "text": text})
    assert response.status_code == 422 and message in response.text
    assert len(composite.versions) == 1


def test_an_amendment_the_engine_cannot_apply_is_kept_with_a_warning(client, composite):
    response = client.post(f"/composites/{composite.id}/sections/0/amendments/new", data={
        "version": 1, "mover": "Kent LLA", "text": "Delete “words nowhere in it”."},
        follow_redirects=True)
    assert "Amendment from Kent LLA recorded." in response.text
    assert "cannot be applied automatically" in response.text
    assert len(composite.content.sections[0].common_ground.amendments) == 1


# --- coverage and publishing --------------------------------------------------------------------


def drop_subscription_option(client, composite):
    """Remove option C (London's 'Members pay a subscription'): one clause unaccounted."""
    data = group_data("s0g0", composite.version, "1.2", "for_or_against_each", [
        ("A", "It supports free movement of people.", "London LLA", "0"),
        ("B", "It campaigns for open selection of all MPs.", "Dulwich LL", "1"),
    ])
    assert client.post(f"/composites/{composite.id}/sections/0/groups/0",
                       data=data).status_code == 302


def test_coverage_shows_where_every_clause_went(client, composite, motions):
    page = client.get(f"/composites/{composite.id}/coverage")
    assert page.status_code == 200
    assert "Included verbatim" in page.text and "Included changed" in page.text
    assert "In option" in page.text and "Option B of 1.2" in page.text
    assert "<del>openly</del>" in page.text.replace("<del> openly</del>", "<del>openly</del>") \
        or "openly" in page.text
    assert "heading, not a clause" in page.text
    assert "B) London LLA: 0 unaccounted of 5" in page.text


def test_publishing_is_refused_while_a_clause_is_unaccounted(client, db, composite, cac):
    drop_subscription_option(client, composite)
    coverage = client.get(f"/composites/{composite.id}/coverage")
    assert "B) London LLA: 1 unaccounted of 5" in coverage.text
    assert "Leave out clause 5 of B" in coverage.text

    refused = client.post(f"/composites/{composite.id}/publish", data=confirmed(2))
    assert refused.status_code == 409
    assert "1 source clause is unaccounted for" in refused.text
    assert "motion B clause 5 (“Members pay a subscription.”)" in refused.text
    assert not composite.is_published and composite.published_at is None

    key = str(composite.sources[1].id)
    no_reason = client.post(f"/composites/{composite.id}/left-out",
                            data={"version": 2, "motion": key, "index": 4, "reason": " "})
    assert no_reason.status_code == 422 and "reason for leaving the clause out" in no_reason.text
    left_out = client.post(f"/composites/{composite.id}/left-out", data={
        "version": 2, "motion": key, "index": 4, "reason": "A matter for the OG, not the rules"})
    assert left_out.status_code == 302
    assert composite.content.left_out[(key, 4)] == "A matter for the OG, not the rules"
    assert "A matter for the OG, not the rules" in client.get(
        f"/composites/{composite.id}/coverage").text

    published = client.post(f"/composites/{composite.id}/publish", data=confirmed(3))
    assert published.status_code == 302
    assert composite.is_published and composite.published_by == cac
    assert client.post(f"/composites/{composite.id}/publish",
                       data=confirmed(composite.version)).status_code == 409


def test_leaving_out_the_rest_of_a_motion_with_one_reason(client, composite):
    drop_subscription_option(client, composite)
    key = str(composite.sources[1].id)
    response = client.post(f"/composites/{composite.id}/left-out/rest",
                           data={"version": 2, "motion": key, "reason": "Detail for later"})
    assert response.status_code == 302
    assert services.coverage_by_motion(composite)[1].unaccounted == []
    assert composite.versions[-1].note == "1 remaining clauses left out with one reason"
    # The reason can be withdrawn: the clause is unaccounted again.
    client.post(f"/composites/{composite.id}/left-out/remove",
                data={"version": 3, "motion": key, "index": 4})
    assert len(services.coverage_by_motion(composite)[1].unaccounted) == 1


def test_a_published_composite_is_read_by_delegates_and_locked_for_editing(
        client, login, make_user, heading, composite):
    client.post(f"/composites/{composite.id}/procedure", data={
        "procedure-version": 1, "procedure-text": "Conference resolves to take the composite.",
        "procedure-if_carried": "supersede", "procedure-if_lost": "take_originals"})
    assert client.post(f"/composites/{composite.id}/publish", data={
        "confirmed": "yes", "version": 2, "as_proposed": "y"}).status_code == 302
    locked = client.post(f"/composites/{composite.id}/sections/0", data={
        "s0-version": composite.version, "s0-number": "1", "s0-title": "X",
        "s0-common_number": "1.1", "s0-common_text": "Y"})
    assert locked.status_code == 409 and "return it to draft" in locked.text
    # Amendments are still recorded once it is published (they come in after publication).
    assert client.post(f"/composites/{composite.id}/sections/0/amendments/new", data={
        "version": composite.version, "mover": "Kent LLA", "text": "Delete “in every region”."},
    ).status_code == 302
    # Delegates read a published composite once its heading is published too.
    assert client.post(f"/cac/headings/{heading.id}/publish").status_code == 302

    client.post("/logout")
    login(make_user(Role.DELEGATE))
    on_heading = client.get(f"/headings/{heading.id}")
    assert "Aims composite" in on_heading.text
    paper = client.get(f"/composites/{composite.id}")
    assert paper.status_code == 200
    assert "CAC procedural motion" in paper.text
    assert "Conference resolves to take the composite." in paper.text
    assert "The original motions and their amendments are superseded" in paper.text
    assert "The original motions are moved instead" in paper.text
    assert "1.1 Common ground:" in paper.text and 'class="ln"' in paper.text
    assert "Amendment from Kent LLA" in paper.text
    assert "[Dulwich LL]" in paper.text


def test_a_composite_goes_back_to_draft(client, composite):
    client.post(f"/composites/{composite.id}/publish",
                data={"confirmed": "yes", "version": 1, "as_proposed": "y"})
    assert composite.is_published
    assert client.post(f"/composites/{composite.id}/unpublish",
                       data={"version": composite.version}).status_code == 302
    assert not composite.is_published and composite.published_at is None


# --- the real LLA composite ---------------------------------------------------------------------


LLA_RAW = (TEXTS / "composite.txt").read_text(encoding="utf-8")


@pytest.fixture
def lla(client, login, db, cac, heading, make_user, make_organisation, make_submission):
    """The five constitutional motions of the demo, and the CAC's composite imported."""
    from motions.demo.loader import heading_texts

    login(cac)
    ids = []
    for item in heading_texts("3-constitution"):
        if item.kind.value == "motion":
            author = make_user(Role.SUBMITTER, organisation=make_organisation(item.organisation))
            ids.append(make_submission(heading, author, title=item.title, text=item.text,
                                       ruling=Ruling.IN_ORDER).id)
    response = client.post(f"/composites/headings/{heading.id}/import",
                           data={"motions": ids, "text": LLA_RAW})
    assert response.status_code == 302, response.text
    return db.session.execute(db.select(Composite)).scalar_one()


def test_the_real_composite_imports_with_sections_groups_and_amendments(lla):
    content = lla.content
    assert lla.origin == "imported" and len(lla.sources) == 5
    assert [(s.number, s.title) for s in content.sections] == [
        ("1", "Aims"), ("2", "Structures"), ("3", "Organising group and steering group"),
        ("4", "Conference and its composition")]
    assert [(g.number, g.kind.value) for g in content.groups()] == [
        ("1.2", "for_or_against_each"),
        ("2.2", "against_each_other_with_neither"),
        ("3.2", "against_each_other_with_neither"),
        ("3.2a", "against_each_other"),
        ("4.2", "against_each_other_with_neither"),
        ("4.3", "against_each_other"),
    ]
    [conditional] = content.conditional_groups()
    assert (conditional.condition.group, conditional.condition.options) == ("3.2", ["A", "E"])
    assert [a.mover for _s, a in content.amendments()] == [
        "Rotherham Left Momentum", "Alan Pearson et al"]
    # Provenance was found by alignment: much of the drafts' text is placed, the rest waits
    # for the CAC's reasons.
    by_motion = services.coverage_by_motion(lla)
    assert all(len(m.unaccounted) < len(m.clauses) for m in by_motion[:4])


def test_the_real_composite_reads_like_the_original_order_paper(client, lla):
    paper = client.get(f"/composites/{lla.id}").text
    for line in [
        "1) Aims", "1.1 Common ground:", "1.2 Differences:",
        "2.2 Difference: Political orientation/eligibility",
        "3.2 Difference: How is the leadership elected?",
        "Amendment from Rotherham Left Momentum", "Amendment from Alan Pearson et al",
        "Procedural note: Vote for or against",
        "[LAW/SLL, Tees Valley LL, London LLA]", "[Brighton LLA]",
        "Procedural note: They will be taken against each other as they are incompatible, "
        "with an additional option of ‘Neither’.",
        "Procedural note: If Option A or E of 3.2 is agreed: they will be taken against each "
        "other as they are incompatible.",
        "Procedural note: They will be taken against each other as they are incompatible.",
    ]:
        assert line in paper, line
    # The Rotherham amendment acts on section 1 with its title: "Aims" becomes "Principles".
    assert "<ins>Principles</ins>" in paper


def test_publishing_the_imported_composite_waits_for_its_unaccounted_clauses(client, lla):
    refused = client.post(f"/composites/{lla.id}/publish", data=confirmed(1))
    assert refused.status_code == 409 and "unaccounted for" in refused.text
    client.post(f"/composites/{lla.id}/left-out/rest",
                data={"version": 1, "reason": "Not in the CAC's composite"})
    assert client.post(f"/composites/{lla.id}/publish", data=confirmed(2)).status_code == 302


def test_a_paste_that_is_not_a_composite_is_refused(client, login, db, cac, heading, motions):
    login(cac)
    response = client.post(f"/composites/headings/{heading.id}/import",
                           data={"motions": [motions[0].id], "text": "Just some words."})
    assert response.status_code == 422 and "could not be read as a composite" in response.text
    assert db.session.execute(db.select(CompositeVersion)).first() is None


def test_the_demo_conference_has_the_published_lla_composite(db):
    from motions.demo.loader import load_demo

    conference = load_demo()
    constitution = conference.headings[2]
    [composite] = services.published_composites(constitution)
    assert composite.title == "CAC composite constitution"
    assert len(composite.content.sections) == 4
    assert composite.procedural_motion.startswith("Conference notes that:")
    assert [m.label for m in composite.sources] == ["A", "B", "C", "D", "E"]
    assert all(not m.unaccounted for m in services.coverage_by_motion(composite))


def test_the_procedural_motion_is_kept_in_each_version(client, composite):
    client.post(f"/composites/{composite.id}/procedure", data={
        "procedure-version": 1, "procedure-text": "Conference resolves to take the composite.",
        "procedure-if_carried": "supersede", "procedure-if_lost": "take_originals"})
    assert composite.versions[-1].procedural_motion == (
        "Conference resolves to take the composite.")
    assert composite.versions[-1].note == "Procedural motion attached"
    compared = client.get(f"/composites/{composite.id}/versions?a=1&b=2").text
    assert '<ins class="block"><p>Conference resolves to take the composite.</p>' in compared
    bad = client.post(f"/composites/{composite.id}/procedure", data={
        "procedure-version": composite.version, "procedure-text": "x",
        "procedure-if_carried": "ignore_it", "procedure-if_lost": "take_originals"})
    assert bad.status_code == 422 and len(composite.versions) == 2


def test_an_ambiguous_order_paper_is_not_published(client, composite):
    data = group_data("s0g0", 1, "1.2", "against_each_other", [
        ("A", "It supports free movement of people.", "London LLA", "0"),
    ])
    data.update({"s0g0-options-1-label": "", "s0g0-options-1-text": "", "s0g0-options-1-origin":
                 "1"})
    # Options B and C (rows left out of the form) are gone: their clauses are left out.
    client.post(f"/composites/{composite.id}/sections/0/groups/0", data=data)
    client.post(f"/composites/{composite.id}/left-out/rest",
                data={"version": 2, "reason": "Dropped"})
    edit = client.get(f"/composites/{composite.id}/edit").text
    assert "option group 1.2 is taken against each other but has one option" in edit
    refused = client.post(f"/composites/{composite.id}/publish", data=confirmed(3))
    assert refused.status_code == 409 and "would be ambiguous" in refused.text
    assert not composite.is_published


def flatten_group(prefix: str, version: int, typed) -> dict:
    """The group form's fields as the editor renders them, sub-options included."""
    data = group_data(prefix, version, typed.number, typed.kind, [], title=typed.title,
                      condition=(typed.condition_group, typed.condition_options))
    data[f"{prefix}-intro"] = typed.intro
    for n, option in enumerate(typed.options):
        row = f"{prefix}-options-{n}"
        data.update({f"{row}-label": option.label, f"{row}-text": option.text,
                     f"{row}-attribution": option.attribution, f"{row}-origin": option.origin})
        for m, sub in enumerate(option.sub_options):
            cell = f"{row}-sub_options-{m}"
            data.update({f"{cell}-label": sub.label, f"{cell}-text": sub.text,
                         f"{cell}-attribution": sub.attribution, f"{cell}-origin": sub.origin})
    return data


def test_options_voted_one_by_one_survive_editing_their_group(client, lla):
    group = lla.content.group("1.2")
    typed = services.group_to_input(group)
    typed.options[0].sub_options[1].text = "“Natural justice and due process”"
    response = client.post(f"/composites/{lla.id}/sections/0/groups/0",
                           data=flatten_group("s0g0", lla.version, typed))
    assert response.status_code == 302, response.text
    edited = lla.content.group("1.2")
    option_a = edited.option("A")
    assert [(o.label, o.attribution) for o in option_a.sub_options] == [
        ("1", ["LAW/Sheffield LL"]), ("2", ["Dulwich LL"])]
    assert option_a.sub_options[1].text == "“Natural justice and due process”"
    # Provenance stays with each option.
    assert [s.ref for s in edited.option("B").sources] == [
        s.ref for s in group.option("B").sources]
    assert len(edited.votable_options()) == 3


@pytest.mark.parametrize(("target", "where"), [
    ("common:0", "common ground 1.1"),
    ("group:0:0", "Option C of 1.2"),
])
def test_an_unaccounted_clause_is_placed_as_worded(client, composite, target, where):
    drop_subscription_option(client, composite)
    key = str(composite.sources[1].id)
    page = client.get(f"/composites/{composite.id}/coverage").text
    assert "Place clause 5 of B" in page and f'value="{target}"' in page
    response = client.post(f"/composites/{composite.id}/place", data={
        "version": 2, "motion": key, "index": 4, "target": target})
    assert response.status_code == 302
    assert composite.versions[-1].note == f"Clause 5 placed in {where}"
    [london] = [m for m in services.coverage_by_motion(composite) if m.motion.label == "B"]
    assert london.unaccounted == []
    placed = london.clauses[4]
    assert placed.place == where and placed.status.name in {"VERBATIM", "IN_OPTION"}
    if target.startswith("group"):
        option = composite.content.sections[0].groups[0].option("C")
        assert (option.text, option.attribution) == ("Members pay a subscription.", ["London LLA"])


def test_placing_needs_a_real_place_and_clause(client, composite):
    drop_subscription_option(client, composite)
    key = str(composite.sources[1].id)
    for target in ("group:0:9", "common:x", "nowhere"):
        refused = client.post(f"/composites/{composite.id}/place", data={
            "version": 2, "motion": key, "index": 4, "target": target})
        assert refused.status_code == 422 and "Choose where" in refused.text
    assert client.post(f"/composites/{composite.id}/place", data={
        "version": 2, "motion": key, "index": 40, "target": "common:0"}).status_code == 404
    assert len(composite.versions) == 2


def test_a_save_racing_another_is_refused_not_stored_over_it(client, db, composite):
    from sqlalchemy import text

    # Another request saved between this one's version check and its write: the row's version
    # moved on in the database while this session still holds the one it loaded.
    db.session.execute(text("UPDATE composite SET version = version + 1 WHERE id = :id"),
                       {"id": composite.id})
    response = client.post(f"/composites/{composite.id}/sections/0", data={
        "s0-version": 1, "s0-number": "1", "s0-title": "Raced", "s0-common_number": "1.1",
        "s0-common_text": "Raced wording."})
    assert response.status_code == 409
    assert "at the same moment" in response.text
    db.session.expire_all()
    assert composite.content.sections[0].title == "Aims" and len(composite.versions) == 1


def test_composite_posts_without_a_csrf_token_are_refused(app, db, composite):
    from motions import create_app

    guarded = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True, "SECRET_KEY": "test",
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    response = guarded.test_client().post(f"/composites/{composite.id}/publish",
                                          data=confirmed(1))
    assert response.status_code == 400 and "security token" in response.text


def test_once_published_everyone_sees_where_the_motions_went(client, login, make_user,
                                                            composite):
    drop_subscription_option(client, composite)
    key = str(composite.sources[1].id)
    client.post(f"/composites/{composite.id}/left-out", data={
        "version": 2, "motion": key, "index": 4, "reason": "For the organising group"})
    client.post("/logout")
    submitter = composite.sources[1].created_by
    login(submitter)
    assert client.get(f"/composites/{composite.id}/sources").status_code == 404  # a draft
    client.post("/logout")
    login(composite.created_by)
    client.post(f"/composites/{composite.id}/publish", data=confirmed(composite.version))
    assert client.post(f"/cac/headings/{composite.heading_id}/publish").status_code == 302
    client.post("/logout")
    login(submitter)
    paper = client.get(f"/composites/{composite.id}")
    assert "Where each of their clauses went" in paper.text
    page = client.get(f"/composites/{composite.id}/sources")
    assert page.status_code == 200
    assert "For the organising group" in page.text and "Included verbatim" in page.text
    assert "<form" not in page.text.split("<main>")[1]  # read-only: nothing to change here

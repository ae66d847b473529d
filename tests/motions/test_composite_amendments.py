"""Submitters amend a published composite's sections, as groups did at the LLA's founding
conference ("Amendment from Rotherham Left Momentum"): the same rules as amendments to motions
(deadline, limit, submitter, versions, edit and withdraw), the CAC's ruling, the order paper,
the printed papers and the chair's console, which takes them before the section's options."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import docx
import pytest

from compositing import (
    CommonGround,
    CompositeAmendment,
    CompositeSection,
    GroupKind,
    Option,
    OptionGroup,
)
from compositing import Composite as EngineComposite
from motions.composites.services import order_paper_content
from motions.documents.content import composite_order_paper, heading_order_paper
from motions.models import Composite, CompositeStatus, Role, Ruling, Submission
from motions.models.base import utcnow
from motions.models.composites import dump
from motions.services import RuleError
from motions.submit import services
from motions.submit.services import Draft, SectionTarget
from motions.voting.services import build_order_paper, live, session_for

WITHDRAW = {"confirmed": "yes"}  # the withdrawal's confirmation page posts this

COMMON = ("The alliance brings together groups and individuals on the Labour left.\n\n"
          "- organises democratically and transparently;\n"
          "- campaigns for open selection of all MPs.")
ROTHERHAM = "Delete “Aims” and replace with “Principles”"
KENT = "Delete “and individuals”."
DURHAM = "Delete “of all MPs”."


@pytest.fixture
def heading(make_heading):
    return make_heading("Our structures/constitution", published=True)


@pytest.fixture
def cac(make_user):
    return make_user(Role.CAC, name="Cass CAC")


@pytest.fixture
def motions(heading, make_user, make_organisation, make_submission):
    dulwich = make_organisation("Dulwich LL")
    london = make_organisation("London LLA")
    return [
        make_submission(heading, make_user(Role.SUBMITTER, organisation=dulwich),
                        title="Dulwich draft", text="1. Open selection.", ruling=Ruling.IN_ORDER),
        make_submission(heading, make_user(Role.SUBMITTER, organisation=london),
                        title="London draft", text="1. Free movement.", ruling=Ruling.IN_ORDER),
    ]


def engine_composite() -> EngineComposite:
    return EngineComposite("Constitution composite", sections=[
        CompositeSection("1", "Aims", CommonGround(
            "1.1", COMMON, amendments=[CompositeAmendment("Kent LLA", KENT)]), groups=[
            OptionGroup("1.2", "Differences", GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER, [
                Option("A", "It campaigns for open selection.", ["Dulwich LL"]),
                Option("B", "It supports free movement of people.", ["London LLA"]),
            ]),
        ]),
        CompositeSection("2", "Name", groups=[  # no common ground: nothing to amend
            OptionGroup("2.1", "Differences", GroupKind.AGAINST_EACH_OTHER,
                        [Option("A", "Labour Left Alliance"), Option("B", "Left Alliance")]),
        ]),
    ])


@pytest.fixture
def composite(db, heading, motions, cac) -> Composite:
    composite = Composite(heading=heading, title="Constitution composite",
                          data=dump(engine_composite()), status=CompositeStatus.PUBLISHED.value,
                          procedural_motion="Conference takes the composite instead.",
                          created_by=cac, published_at=utcnow(), published_by=cac)
    composite.sources = motions
    db.session.add(composite)
    db.session.commit()
    return composite


@pytest.fixture
def rotherham(make_organisation):
    return make_organisation("Rotherham Left Momentum")


@pytest.fixture
def submitter(make_user, rotherham):
    return make_user(Role.SUBMITTER, organisation=rotherham, name="Rita Rotherham")


def new_url(composite, s=0, step="new"):
    return f"/submit/composites/{composite.id}/sections/{s}/amendments/{step}"


def submit(client, composite, text=ROTHERHAM, s=0, **extra):
    return client.post(new_url(composite, s), data={"text": text, "on_behalf": "organisation",
                                                    **extra})


def only_amendment(db) -> Submission:
    return db.session.execute(
        db.select(Submission).where(Submission.composite_id.is_not(None))).scalar_one()


@pytest.fixture
def submitted(client, login, db, composite, submitter) -> Submission:
    login(submitter)
    response = submit(client, composite, mover="Rita Rotherham")
    assert response.status_code == 302, response.text
    return only_amendment(db)


def rule(client, login, cac, amendment, ruling="in_order", reason="", detail=""):
    client.post("/logout")
    login(cac)
    return client.post(f"/cac/submissions/{amendment.id}/rule",
                       data={"ruling": ruling, "reason": reason, "detail": detail})


# --- submitting -------------------------------------------------------------------------------


def test_a_submitter_amends_a_section_of_a_published_composite(client, login, db, composite,
                                                               submitter, rotherham):
    login(submitter)
    paper = client.get(f"/composites/{composite.id}").text
    assert new_url(composite) in paper                      # offered under section 1 ...
    assert new_url(composite, 1) not in paper               # ... not without common ground
    form = client.get(new_url(composite))
    assert form.status_code == 200
    assert "Amendment to the common ground of 1) Aims" in form.text
    assert "open selection of all MPs" in form.text and 'data-amend' in form.text

    response = submit(client, composite, mover="Rita Rotherham", seconder="Sam Second")
    assert response.status_code == 302
    amendment = only_amendment(db)
    assert (amendment.kind, amendment.heading_id, amendment.target_id) == (
        "amendment", composite.heading_id, None)
    assert (amendment.composite_id, amendment.section, amendment.seq) == (composite.id, "1", 1)
    assert amendment.organisation_id == rotherham.id
    assert amendment.ruling == Ruling.PENDING and len(amendment.versions) == 1
    assert amendment.parsed and amendment.engine_error == ""  # the engine's reading is kept
    assert amendment.label == "1/1"
    assert amendment.display_name == "Amendment 1/1 to section 1 of ‘Constitution composite’"

    page = client.get(response.headers["Location"]).text
    assert "Effect on section 1 of ‘Constitution composite’" in page
    assert "<del>Aims</del>" in page and "<ins>Principles</ins>" in page
    assert "Not public yet" in page
    assert amendment.display_name in client.get("/submit/mine").text


def test_individual_members_may_submit_one(client, login, db, composite, make_user):
    login(make_user(Role.SUBMITTER, name="Alan Pearson"))
    names = "\n".join(["Alan Pearson"] + [f"Member {n}" for n in range(9)])
    response = client.post(new_url(composite), data={
        "text": DURHAM, "on_behalf": "individuals", "individual_names": names})
    assert response.status_code == 302, response.text
    amendment = only_amendment(db)
    assert amendment.organisation_id is None and amendment.submitted_by == "Alan Pearson et al"


def test_the_preview_shows_the_effect_on_the_sections_common_ground(client, login, composite,
                                                                    submitter):
    login(submitter)
    shown = client.post(new_url(composite, step="preview"), data={"text": DURHAM})
    assert shown.status_code == 200
    assert "<del>of all MPs</del>" in shown.text.replace("<del> of all MPs</del>",
                                                         "<del>of all MPs</del>")
    unreadable = client.post(new_url(composite, step="preview"),
                             data={"text": "Delete “no such words”."})
    assert "no such words" in unreadable.text and "flash error" in unreadable.text
    described = client.post(new_url(composite, step="describe"), data={
        "edited": "## 1) Principles\n\n" + COMMON})
    assert "Principles" in described.json["instruction"]


def test_an_unreadable_amendment_is_stored_as_written_with_a_warning(client, login, db,
                                                                     composite, submitter):
    login(submitter)
    response = submit(client, composite, text="Delete “no such words”.")
    assert response.status_code == 302
    amendment = only_amendment(db)
    assert amendment.text == "Delete “no such words”." and "no such words" in amendment.engine_error
    assert "cannot be applied automatically" in client.get(response.headers["Location"]).text


def test_refused_after_the_amendments_deadline(client, login, db, composite, submitter):
    composite.heading.conference.amendments_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    login(submitter)
    response = submit(client, composite)
    assert response.status_code == 403 and "deadline for amendments passed" in response.text
    assert new_url(composite) not in client.get(f"/composites/{composite.id}").text
    assert db.session.execute(db.select(Submission).filter_by(kind="amendment")).first() is None


def test_the_per_heading_limit_counts_amendments_to_motions_and_composites(
        client, login, db, composite, motions, submitter, make_submission):
    make_submission(composite.heading, submitter, target=motions[0], text=DURHAM)
    login(submitter)
    response = submit(client, composite)
    assert response.status_code == 422 and "Over the limit" in response.text
    composite.heading.conference.amendments_per_submitter = 2
    db.session.commit()
    assert submit(client, composite).status_code == 302
    assert submit(client, composite, text=KENT).status_code == 422


def test_a_draft_composite_cannot_be_amended(client, login, db, composite, submitter):
    composite.status = CompositeStatus.DRAFT.value
    db.session.commit()
    login(submitter)
    assert client.get(new_url(composite)).status_code == 404
    assert submit(client, composite).status_code == 404
    assert client.post(new_url(composite, step="preview"), data={"text": KENT}).status_code == 404
    with pytest.raises(RuleError, match="published composite"):
        services.submit(services.SubmissionKind.AMENDMENT, composite.heading, submitter,
                        Draft(text=KENT), target=SectionTarget(composite, "1"))


def test_a_section_without_common_ground_is_refused_by_the_rules_too(db, composite, submitter):
    with pytest.raises(RuleError, match="no common ground"):
        services.submit(services.SubmissionKind.AMENDMENT, composite.heading, submitter,
                        Draft(text=KENT), target=SectionTarget(composite, "2"))


@pytest.mark.parametrize("role", [Role.DELEGATE, Role.CHAIR, Role.CAC])
def test_only_submitters_submit(client, login, make_user, composite, role):
    login(make_user(role))
    assert client.get(new_url(composite)).status_code == 403
    assert submit(client, composite).status_code == 403
    assert client.post(new_url(composite, step="preview"), data={"text": KENT}).status_code == 403


def test_strangers_are_sent_to_log_in(client, composite):
    assert submit(client, composite).status_code in (302, 401)
    assert client.get(new_url(composite)).status_code in (302, 401)


def test_empty_text_is_refused(client, login, db, composite, submitter):
    login(submitter)
    response = submit(client, composite, text="   ")
    assert response.status_code == 422 and "The amendment has no text" in response.text
    assert db.session.execute(db.select(Submission).filter_by(kind="amendment")).first() is None


@pytest.mark.parametrize("path", ["/submit/composites/{c}/sections/7/amendments/new",
                                  "/submit/composites/{c}/sections/1/amendments/new",
                                  "/submit/composites/9999/sections/0/amendments/new"])
def test_an_unknown_section_or_composite_is_404(client, login, composite, submitter, path):
    login(submitter)
    url = path.format(c=composite.id)
    assert client.get(url).status_code == 404
    assert client.post(url, data={"text": KENT, "on_behalf": "organisation"}).status_code == 404


# --- editing and withdrawing --------------------------------------------------------------------


def test_edited_until_the_deadline_as_a_new_version(client, db, submitted, composite):
    form = client.get(f"/submit/submissions/{submitted.id}/edit")
    assert form.status_code == 200 and "Edit Amendment 1/1" in form.text
    assert new_url(composite, step="preview") in form.text  # the same live preview
    assert "Principles" in form.text and "1) Aims" in form.text
    response = client.post(f"/submit/submissions/{submitted.id}/edit", data={
        "text": DURHAM, "version": 1, "mover": "Rita Rotherham"})
    assert response.status_code == 302, response.text
    db.session.refresh(submitted)
    assert submitted.text == DURHAM and len(submitted.versions) == 2
    assert "MPs" in submitted.parsed  # read again against the section
    versions = client.get(f"/submit/submissions/{submitted.id}/versions")
    assert versions.status_code == 200 and "MPs" in versions.text
    stale = client.post(f"/submit/submissions/{submitted.id}/edit", data={
        "text": KENT, "version": 1})
    assert stale.status_code == 409

    composite.heading.conference.amendments_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    late = client.post(f"/submit/submissions/{submitted.id}/edit", data={
        "text": KENT, "version": submitted.version})
    assert late.status_code == 403
    assert client.post(f"/submit/submissions/{submitted.id}/withdraw",
                       data=WITHDRAW).status_code == 403


def test_withdrawn_it_leaves_the_order_paper_and_frees_the_limit(client, login, db, cac,
                                                                 submitted, composite):
    rule(client, login, cac, submitted)
    assert "Amendment from Rotherham Left Momentum" in client.get(
        f"/composites/{composite.id}").text
    client.post("/logout")
    login(submitted.created_by)
    assert client.post(f"/submit/submissions/{submitted.id}/withdraw",
                       data=WITHDRAW).status_code == 302
    db.session.refresh(submitted)
    assert submitted.is_withdrawn
    assert "Amendment from Rotherham" not in client.get(f"/composites/{composite.id}").text
    assert submit(client, composite, text=KENT).status_code == 302  # the limit counts live ones


def test_another_submitter_cannot_change_it(client, login, make_user, submitted):
    client.post("/logout")
    login(make_user(Role.SUBMITTER))
    assert client.get(f"/submit/submissions/{submitted.id}/edit").status_code == 403
    assert client.post(f"/submit/submissions/{submitted.id}/withdraw",
                       data=WITHDRAW).status_code == 403


# --- the CAC's ruling -----------------------------------------------------------------------------


def test_the_cac_sees_it_with_its_effect_and_rules_on_it(client, login, db, cac, submitted,
                                                         composite):
    client.post("/logout")
    login(cac)
    page = client.get(f"/cac/headings/{composite.heading_id}").text
    assert "Amendments submitted to ‘Constitution composite’" in page
    assert f'id="s{submitted.id}"' in page and "Effect on section 1" in page
    assert "<ins>Principles</ins>" in page and "Awaiting ruling" in page

    editor = client.get(f"/composites/{composite.id}/edit").text
    assert "1 submitted by submitters (0 ruled in order)" in editor

    refused = client.post(f"/cac/submissions/{submitted.id}/rule", data={
        "ruling": "out_of_order", "reason": "", "detail": ""})
    assert refused.status_code == 422 and "Give the reason" in refused.text
    assert client.post(f"/cac/submissions/{submitted.id}/rule", data={
        "ruling": "out_of_order", "reason": "Amendment is a direct negative",
        "detail": ""}).status_code == 302
    db.session.refresh(submitted)
    assert submitted.ruling == Ruling.OUT_OF_ORDER
    assert submitted.ruling_reason == "Amendment is a direct negative"
    assert submitted.ruled_by == cac

    client.post("/logout")
    login(submitted.created_by)
    assert "Amendment is a direct negative" in client.get("/submit/mine").text


# --- on the order paper, the printed papers and the console ---------------------------------------


def test_on_the_order_paper_only_when_in_order(client, login, db, cac, submitted, composite,
                                               make_user):
    def paper_as_delegate() -> str:
        client.post("/logout")
        login(make_user(Role.DELEGATE))
        return client.get(f"/composites/{composite.id}").text

    assert "Rotherham" not in paper_as_delegate()                            # pending
    assert client.get(f"/submissions/{submitted.id}").status_code == 404
    rule(client, login, cac, submitted, "out_of_order", "other", "Not about the aims")
    assert "Rotherham" not in paper_as_delegate()                            # out of order
    rule(client, login, cac, submitted, "in_order")
    paper = paper_as_delegate()
    section_1, section_2 = paper.split('id="section-1"')[1].split('id="section-2"')
    assert "Rotherham" not in section_2
    kent, rotherham = section_1.index("Amendment from Kent LLA"), section_1.index(
        "Amendment from Rotherham Left Momentum")
    assert kent < rotherham < section_1.index("1.2 Differences")         # after the CAC's own
    assert "Principles" in section_1[rotherham:]                            # with its effect
    assert client.get(f"/submissions/{submitted.id}").status_code == 200     # public now

    stored = composite.content.sections[0].common_ground.amendments
    assert [a.mover for a in stored] == ["Kent LLA"]   # never copied into the composite's JSON


def test_the_printed_papers_include_it_once_in_order(client, login, db, cac, submitted,
                                                     composite):
    def texts(paper) -> list[str]:
        return [getattr(part, "text", "") for part in paper.parts]

    assert "Amendment from Rotherham Left Momentum" not in texts(composite_order_paper(composite))
    rule(client, login, cac, submitted)
    db.session.refresh(submitted)
    for paper in (composite_order_paper(composite), heading_order_paper(composite.heading)):
        printed = texts(paper)
        assert printed.index("Amendment from Kent LLA") < printed.index(
            "Amendment from Rotherham Left Momentum") < printed.index("1.2 Differences:")
    word = client.get(f"/documents/composites/{composite.id}/order-paper.docx")
    assert word.status_code == 200
    paragraphs = [p.text for p in docx.Document(BytesIO(word.data)).paragraphs]
    assert "Amendment from Rotherham Left Momentum" in paragraphs
    assert ROTHERHAM in paragraphs


def test_the_engine_order_paper_takes_it_after_the_cacs_amendments(client, login, db, cac,
                                                                   submitted, composite):
    section = build_order_paper(composite.heading).composite.sections[0]
    assert [a.mover for a in section.amendments] == ["Kent LLA"]
    rule(client, login, cac, submitted)
    db.session.expire_all()
    section = build_order_paper(composite.heading).composite.sections[0]
    assert [(a.key, a.mover) for a in section.amendments] == [
        ("1.1/1", "Kent LLA"), ("1.1/2", "Rotherham Left Momentum")]
    assert section.amendments[1].instruction == ROTHERHAM
    assert [s.common_ground.amendments[-1].mover
            for s in order_paper_content(composite).sections if s.common_ground] == [
        "Rotherham Left Momentum"]


def vote(client, heading, votes: dict[str, int]) -> str:
    item = live(session_for(heading)).current
    assert item is not None, "voting finished early"
    version = len(session_for(heading).actions)
    counted = client.post(f"/voting/headings/{heading.id}/count",
                          data={"version": version, **{k: str(v) for k, v in votes.items()}})
    assert counted.status_code == 302, counted.text
    declared = client.post(f"/voting/headings/{heading.id}/declare",
                           data={"version": version + 1})
    assert declared.status_code == 302, declared.text
    return item.title


def test_the_chair_takes_it_before_the_sections_options(client, login, db, cac, submitted,
                                                        composite, make_user):
    rule(client, login, cac, submitted)
    client.post("/logout")
    login(make_user(Role.CHAIR))
    heading = composite.heading
    assert client.post(f"/voting/headings/{heading.id}/start").status_code == 302
    for_against = {"for": 40, "against": 10, "abstain": 1}

    assert "procedural motion" in vote(client, heading, for_against).lower()
    assert "Kent LLA" in vote(client, heading, {"for": 10, "against": 40, "abstain": 0})
    console = client.get(f"/voting/headings/{heading.id}").text
    assert "Rotherham Left Momentum" in console                # now on the console
    assert "<ins>Principles</ins>" in console                   # with its effect
    assert "Rotherham Left Momentum" in vote(client, heading, for_against)
    assert "1.2" in vote(client, heading, {"A": 30, "B": 12, "Neither": 3})
    assert "2.1" in vote(client, heading, {"A": 30, "B": 12})
    assert "Ratif" in vote(client, heading, for_against)
    assert live(session_for(heading)).current is None

    agreed = client.get(f"/voting/headings/{heading.id}/record").text.split(
        "Record of decisions")[0]
    assert "Principles" in agreed and "and individuals" in agreed  # Rotherham carried, Kent lost
    assert "It campaigns for open selection." in agreed


def test_a_vote_under_way_keeps_the_order_paper_it_started_with(client, login, db, cac,
                                                                 submitted, composite, make_user):
    client.post("/logout")
    login(make_user(Role.CHAIR))
    client.post(f"/voting/headings/{composite.heading_id}/start")
    rule(client, login, cac, submitted)          # ruled in order after the vote began
    paper = live(session_for(composite.heading)).engine.paper
    assert [a.mover for a in paper.composite.sections[0].amendments] == ["Kent LLA"]


# --- in a real browser ----------------------------------------------------------------------------


def seed_published(session):
    """A published composite under a published heading, and a submitter from Rotherham."""
    from motions.models import Conference, Heading, Organisation, User
    from tests.conftest import PASSWORD_HASH

    conference = Conference(name="Amending conference",
                            motions_deadline=utcnow() - timedelta(days=1),
                            amendments_deadline=utcnow() + timedelta(days=6))
    heading = Heading(conference=conference, position=1, title="Our structures/constitution",
                      published_at=utcnow())
    cac = User(name="Cass CAC", email="amend-cac@example.org", password_hash=PASSWORD_HASH)
    cac.roles = [Role.CAC]
    organisation = Organisation(conference=conference, name="Rotherham Left Momentum",
                                membership=40)
    submitter = User(name="Rita Rotherham", email="amend-rita@example.org",
                     password_hash=PASSWORD_HASH, organisation=organisation)
    submitter.roles = [Role.SUBMITTER]
    composite = Composite(heading=heading, title="Constitution composite",
                          data=dump(engine_composite()), status=CompositeStatus.PUBLISHED.value,
                          created_by=cac, published_at=utcnow(), published_by=cac)
    session.add_all([conference, heading, cac, organisation, submitter, composite])
    session.flush()
    return submitter.email, composite.id


@pytest.mark.browser
def test_a_submitter_sees_the_effect_while_typing_and_submits(served_app, new_page):
    from tests.motions.test_browser import log_in

    email, composite_id = served_app.seed(seed_published)
    url = served_app.url
    page = new_page()
    log_in(page, url, email)
    page.goto(f"{url}/composites/{composite_id}")
    page.get_by_role("link", name="Propose an amendment to 1) Aims").click()
    instructions = page.get_by_label("Amendment instructions")
    instructions.fill("Delete “no such words”.")
    page.locator("#preview .flash.error").wait_for()
    assert "no such words" in page.locator("#preview").inner_text()
    instructions.fill(DURHAM)
    page.locator("#preview del").wait_for()
    assert "of all MPs" in page.locator("#preview del").inner_text()
    page.get_by_role("button", name="Submit amendment").click()
    assert "submitted" in page.get_by_role("status").inner_text()
    assert page.get_by_role("heading", name="Effect on section 1 of ‘Constitution composite’"
                            ).is_visible()

"""In real headless Chromium: a CAC member builds a composite from two motions, regroups its
options, leaves a clause out with a reason, publishes, and a delegate reads the order paper on a
phone."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from motions.models import (
    Composite,
    Conference,
    Heading,
    Organisation,
    Role,
    Ruling,
    Submission,
    SubmissionVersion,
    User,
)
from motions.models.base import utcnow
from tests.conftest import PASSWORD_HASH
from tests.motions.test_browser import log_in
from tests.motions.test_composites import DULWICH, LONDON

pytestmark = pytest.mark.browser


def seed(session, tag: str = "composite"):
    """Two motions in order under one heading, a CAC member and a delegate; ``tag`` keeps the
    e-mail addresses apart between tests sharing the served app."""
    return _seed(session, tag)[0]


def _seed(session, tag: str):
    conference = Conference(name="Compositing conference",
                            motions_deadline=utcnow() + timedelta(days=3),
                            amendments_deadline=utcnow() + timedelta(days=6))
    heading = Heading(conference=conference, position=1, title="Our structures/constitution",
                      published_at=utcnow())
    people = {}
    for role, name in ((Role.CAC, "Cass CAC"), (Role.DELEGATE, "Dee Delegate")):
        user = User(name=name, email=f"{tag}-{role.value}@example.org",
                    password_hash=PASSWORD_HASH)
        user.roles = [role]
        people[role] = user.email
        session.add(user)
    for seq, (org_name, title, text) in enumerate(
            [("Dulwich LL", "Dulwich draft", DULWICH), ("London LLA", "London draft", LONDON)],
            start=1):
        organisation = Organisation(conference=conference, name=org_name, membership=60)
        author = User(name=f"Secretary, {org_name}", email=f"{seq}-{tag}@example.org",
                      password_hash=PASSWORD_HASH, organisation=organisation)
        author.roles = [Role.SUBMITTER]
        motion = Submission(kind="motion", heading=heading, seq=seq, title=title, text=text,
                            created_by=author, organisation=organisation,
                            ruling=Ruling.IN_ORDER.value)
        motion.versions.append(SubmissionVersion(number=1, title=title, text=text,
                                                 created_by=author))
        session.add_all([organisation, author, motion])
    session.add_all([conference, heading])
    return people, heading


def test_build_resolve_coverage_publish_and_read(served_app, new_page):
    people = served_app.seed(seed)
    url = served_app.url

    cac = new_page()
    log_in(cac, url, people[Role.CAC])
    cac.goto(f"{url}/")
    cac.get_by_role("link", name="CAC rulings").click()
    cac.get_by_role("link", name="Build a composite").click()
    cac.get_by_label("Title of the composite").fill("Aims composite")
    cac.get_by_label("A) Dulwich draft — Dulwich LL").check()
    cac.get_by_label("B) London draft — London LLA").check()
    cac.get_by_role("button", name="Propose a draft composite").click()
    assert "Draft composite proposed by the engine" in cac.get_by_role("status").inner_text()
    assert cac.get_by_role("heading", name="Aims composite").is_visible()

    # The engine offered London's "Members pay a subscription" as option C: the CAC drops it.
    group = cac.locator("details.group", has_text="1.2 Differences")
    group.locator("summary").click()
    option_c = group.locator("fieldset.option", has_text="Option C")
    assert option_c.get_by_label("Text (Markdown)").input_value() == "Members pay a subscription."
    option_c.get_by_label("Remove this option").check()
    group.get_by_label("How the options are voted").select_option(
        "against_each_other_with_neither")
    group.get_by_role("button", name="Save option group 1.2").click()
    assert "Option group 1.2 edited" in cac.get_by_role("status").inner_text()
    assert "1 source clause is unaccounted for" in cac.locator(".publish-box").inner_text()

    # Publishing asks first; now it says why it cannot, with the clause named.
    cac.get_by_role("link", name="Publish this composite…").click()
    alert = cac.get_by_role("alert").inner_text()
    assert "Not published" in alert and "Members pay a subscription." in alert
    assert cac.get_by_role("button", name="Publish for delegates").count() == 0

    cac.get_by_role("link", name="Coverage").first.click()
    assert "B) London LLA: 1 unaccounted of 5" in cac.locator("nav.coverage-toc").inner_text()
    cac.get_by_label("Reason for leaving clause 5 of B out").fill(
        "Subscriptions are for the organising group to set")
    cac.get_by_role("button", name="Leave out clause 5 of B").click()
    assert "Clause left out" in cac.get_by_role("status").inner_text()
    assert "B) London LLA: 0 unaccounted of 5" in cac.locator("nav.coverage-toc").inner_text()
    assert cac.get_by_text("Subscriptions are for the organising group to set").is_visible()

    cac.get_by_role("link", name="Edit").first.click()
    cac.get_by_role("link", name="Publish this composite…").click()
    # The confirmation says what delegates will see; nothing is published until confirmed.
    seen = cac.get_by_role("region", name="What delegates will see").inner_text()
    assert "1 section with line-numbered common ground" in seen
    assert "motions A (Dulwich LL), B (London LLA)" in seen
    assert "No procedural motion is attached" in seen
    cac.get_by_role("button", name="Publish for delegates").click()
    assert "is published" in cac.get_by_role("status").inner_text()

    phone = new_page(width=390, height=844)
    log_in(phone, url, people[Role.DELEGATE])
    phone.get_by_role("link", name="Our structures/constitution").click()
    phone.get_by_role("link", name="Aims composite").click()
    assert phone.get_by_role("heading", name="Aims composite").is_visible()
    assert phone.get_by_role("heading", name="1.1 Common ground:").is_visible()
    paper = phone.locator("article.order-paper")
    assert "The alliance brings together groups and individuals" in paper.inner_text()
    assert paper.locator("ol.numbered li").count() >= 2
    assert phone.get_by_role("heading", name="Option B [Dulwich LL]").is_visible()
    assert "Members pay a subscription" not in paper.inner_text()
    assert ("Procedural note: They will be taken against each other as they are incompatible, "
            "with an additional option of ‘Neither’.") in paper.inner_text()
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, "the order paper must not scroll sideways on a phone"


def seed_draft(session):
    return _seed_draft(session, "amending")


def test_an_amendment_to_the_common_ground_previews_while_typed(served_app, new_page):
    people, composite_id = served_app.seed(seed_draft)
    url = served_app.url
    page = new_page()
    log_in(page, url, people[Role.CAC])
    page.goto(f"{url}/composites/{composite_id}/edit")
    page.get_by_role("link", name="Record an amendment to 1.1").click()
    page.get_by_label("Mover").fill("Kent LLA")
    instructions = page.get_by_label("Amendment instructions")
    instructions.fill("Delete “no such words”.")
    page.locator("#preview .flash.error").wait_for()
    assert "no such words" in page.locator("#preview").inner_text()
    instructions.fill("Delete “in every region”.")
    page.locator("#preview del").wait_for()
    assert "in every region" in page.locator("#preview del").inner_text()
    page.get_by_role("button", name="Record the amendment").click()
    assert "Amendment from Kent LLA recorded." in page.get_by_role("status").inner_text()
    assert page.get_by_role("heading", name="Amendment from Kent LLA").is_visible()


def seed_two_cac_members(session):
    people, composite_id = _seed_draft(session, "colliding")
    other = User(name="Dana Second", email="colliding-cac2@example.org",
                 password_hash=PASSWORD_HASH)
    other.roles = [Role.CAC]
    session.add(other)
    return people[Role.CAC], other.email, composite_id


def _seed_draft(session, tag: str):
    from motions.composites import services

    people, heading = _seed(session, tag)
    session.flush()
    cac = session.execute(select(User).filter_by(email=people[Role.CAC])).scalar_one()
    composite = services.build_draft(heading, [m.id for m in heading.motions], cac, "Draft")
    return people, composite.id


def test_a_collision_keeps_the_typing_beside_their_version(served_app, new_page):
    first_email, second_email, composite_id = served_app.seed(seed_two_cac_members)
    url = served_app.url
    first, second = new_page(), new_page()
    for page, email in ((first, first_email), (second, second_email)):
        log_in(page, url, email)
        page.goto(f"{url}/composites/{composite_id}/edit")

    first.locator("#s0").get_by_label("Common ground (Markdown)").fill("Cass's aims.")
    first.get_by_role("button", name="Save section 1").click()
    assert "saved as version 2" in first.get_by_role("status").inner_text()

    # The second member typed into the page loaded before that save.
    second.locator("#s0").get_by_label("Common ground (Markdown)").fill("Dana's aims.")
    second.get_by_role("button", name="Save section 1").click()
    assert "Your change was not saved" in second.get_by_role("alert").inner_text()
    theirs = second.get_by_role("complementary", name="Their version")
    assert "saved by Cass CAC" in theirs.inner_text() and "Cass's aims." in theirs.inner_text()
    typing = second.locator("#s0").get_by_label("Common ground (Markdown)")
    assert typing.input_value() == "Dana's aims."

    # Having compared, saving again replaces theirs deliberately.
    second.get_by_role("button", name="Save section 1").click()
    assert "saved as version 3" in second.get_by_role("status").inner_text()
    assert second.locator("#s0").get_by_label("Common ground (Markdown)").input_value() == \
        "Dana's aims."


def test_an_untouched_proposal_is_published_only_once_the_box_is_ticked(served_app, new_page):
    people, composite_id = served_app.seed(lambda session: _seed_draft(session, "untouched"))
    url = served_app.url
    page = new_page()
    log_in(page, url, people[Role.CAC])
    page.goto(f"{url}/composites/{composite_id}/edit")
    page.get_by_role("link", name="Publish this composite…").click()
    assert "This is still the engine's proposal" in page.locator("main").inner_text()
    page.get_by_role("button", name="Publish for delegates").click()
    # The browser does not send the form while the box is unticked: still asking.
    assert page.get_by_role("button", name="Publish for delegates").is_visible()
    assert "/publish" in page.url
    page.get_by_label("The CAC has checked the engine's proposal").check()
    page.get_by_role("button", name="Publish for delegates").click()
    assert "is published" in page.get_by_role("status").inner_text()


def seed_two_versions(session):
    """A draft whose second version changes the first and the last of seven paragraphs."""
    from motions.composites import services

    people, composite_id = _seed_draft(session, "versions")
    session.flush()
    composite = session.get(Composite, composite_id)
    cac = composite.created_by
    for paragraphs in (["The alliance **brings together** groups.",
                        *(f"Paragraph {n}." for n in range(2, 7)), "Members meet monthly."],
                       ["The alliance **unites** groups.",
                        *(f"Paragraph {n}." for n in range(2, 7)), "Members meet every month."]):
        content = composite.content
        services.update_section(content.sections[0], "1", "Aims", "1.1", "\n\n".join(paragraphs))
        services.save(composite, content, cac, composite.version, "Section 1 edited")
        session.flush()
    return people[Role.CAC], composite_id


def test_a_version_diff_folds_what_did_not_change_and_links_to_the_next_change(
        served_app, new_page):
    email, composite_id = served_app.seed(seed_two_versions)
    page = new_page(width=390, height=844)
    log_in(page, served_app.url, email)
    page.goto(f"{served_app.url}/composites/{composite_id}/versions?a=2&b=3")
    section = page.get_by_role("region", name="Section 1) Aims")
    assert "Change 1 of 2" in section.inner_text()
    assert section.locator("del", has_text="brings together").is_visible()
    assert "**" not in section.inner_text()
    assert not section.get_by_text("Paragraph 4.").is_visible()  # folded
    section.get_by_text("3 unchanged paragraphs").click()
    assert section.get_by_text("Paragraph 4.").is_visible()
    section.get_by_role("link", name="Next change ↓").click()
    page.wait_for_url("**#change-2")
    assert page.locator("#change-2").get_by_text("every month").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

"""Who may read and do what, route by route: every route of `app.url_map` against every role and
anonymous, with real ids of what each may and may not see (another organisation's, unpublished,
awaiting a ruling, out of order, withdrawn, drafts). A route nobody classified fails the test.

Allowed: anything but 401, 403 and 404 (a form sent empty may well be refused as invalid, 400,
409 or 422: the role and the read rule let it through). Refused: 403 (the role) or 404 (the read
rule: what one may not read does not exist for them). Anonymous: GET goes to the login page,
POST gets 401. Nothing, ever, is a 500.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func

from compositing import (
    CommonGround,
    CompositeAmendment,
    CompositeSection,
    GroupKind,
    Option,
    OptionGroup,
)
from compositing import Composite as EngineComposite
from motions import create_app
from motions.models import (
    Composite,
    CompositeStatus,
    CompositeVersion,
    Role,
    Ruling,
    Submission,
)
from motions.models.base import utcnow
from motions.models.composites import dump
from motions.voting import services as voting
from tests.conftest import PASSWORD

EVERYONE = frozenset(Role)
NOBODY = frozenset()
ADMIN = frozenset({Role.ADMIN})
CAC = frozenset({Role.ADMIN, Role.CAC})
SUBMITTERS = frozenset({Role.ADMIN, Role.SUBMITTER})  # submitters' screens (admins pass roles)
OWNER = frozenset({Role.SUBMITTER})  # its own submitter only: the admin is not its owner
OWNER_OR_CAC = frozenset({Role.ADMIN, Role.CAC, Role.SUBMITTER})
# An unpublished heading's title and description: the call for motions, and the officers' work.
UNPUBLISHED_READERS = frozenset({Role.ADMIN, Role.CAC, Role.SUBMITTER, Role.CHAIR, Role.TELLER})
OFFICERS = frozenset({Role.ADMIN, Role.CHAIR, Role.TELLER})
CHAIR = frozenset({Role.ADMIN, Role.CHAIR})
PUBLIC = "public"  # the login page itself


@dataclass(frozen=True)
class Case:
    """The route with these arguments (names of objects in `world`, or plain values), and who
    may use it."""

    args: dict = field(default_factory=dict)
    allowed: frozenset | str = EVERYONE


def c(allowed=EVERYONE, **args) -> Case:
    return Case(args, allowed)


COMPOSITE_ROUTES_OF_THE_CAC = [
    "/composites/<int:composite_id>/coverage",
    "/composites/<int:composite_id>/details",
    "/composites/<int:composite_id>/edit",
    "/composites/<int:composite_id>/evidence",
    "/composites/<int:composite_id>/left-out",
    "/composites/<int:composite_id>/left-out/rest",
    "/composites/<int:composite_id>/left-out/remove",
    "/composites/<int:composite_id>/place",
    "/composites/<int:composite_id>/procedure",
    "/composites/<int:composite_id>/publish",
    "/composites/<int:composite_id>/versions",
    "/composites/<int:composite_id>/sections/new",
]
COMPOSITE_SECTION_ROUTES_OF_THE_CAC = [
    "/composites/<int:composite_id>/sections/<int:s>",
    "/composites/<int:composite_id>/sections/<int:s>/remove",
    "/composites/<int:composite_id>/sections/<int:s>/groups/new",
    "/composites/<int:composite_id>/sections/<int:s>/amendments/new",
    "/composites/<int:composite_id>/sections/<int:s>/amendments/preview",
]
READ_LIKE_ITS_MOTION = [  # the amendment form and its live helpers show the motion's text
    "/submit/motions/<int:motion_id>/amendments/new",
    "/submit/motions/<int:motion_id>/amendments/preview",
    "/submit/motions/<int:motion_id>/amendments/describe",
]
READ_LIKE_ITS_COMPOSITE = [
    "/submit/composites/<int:composite_id>/sections/<int:s>/amendments/new",
    "/submit/composites/<int:composite_id>/sections/<int:s>/amendments/preview",
    "/submit/composites/<int:composite_id>/sections/<int:s>/amendments/describe",
]
ADMIN_ROUTES = {
    "/admin/": [c(ADMIN)],
    "/admin/users": [c(ADMIN)],
    "/admin/users/new": [c(ADMIN)],
    "/admin/users/<int:user_id>": [c(ADMIN, user_id="someone")],
    "/admin/conferences/new": [c(ADMIN)],
    "/admin/conferences/<int:conference_id>": [c(ADMIN, conference_id="conference")],
    "/admin/conferences/<int:conference_id>/headings": [c(ADMIN, conference_id="conference")],
    "/admin/conferences/<int:conference_id>/organisations": [
        c(ADMIN, conference_id="conference")],
    "/admin/conferences/<int:conference_id>/organisations/new": [
        c(ADMIN, conference_id="conference")],
    "/admin/conferences/<int:conference_id>/<any(organisations, accounts):what>/import": [
        c(ADMIN, conference_id="conference", what="organisations"),
        c(ADMIN, conference_id="conference", what="accounts")],
    "/admin/conferences/<int:conference_id>/<any(organisations, accounts):what>/import/confirm": [
        c(ADMIN, conference_id="conference", what="accounts")],
    "/admin/imports/passwords.csv": [c(ADMIN)],
    "/admin/conferences/<int:conference_id>/accounts/import/new-passwords": [
        c(ADMIN, conference_id="conference")],
    "/admin/organisations/<int:organisation_id>": [c(ADMIN, organisation_id="own_group")],
    "/admin/headings/<int:heading_id>": [c(ADMIN, heading_id="unpublished")],
    "/admin/headings/<int:heading_id>/<any(up, down, delete):action>": [
        c(ADMIN, heading_id="unpublished", action="up")],
}

SPEC: dict[str, list[Case]] = {
    "/login": [c(PUBLIC)],
    "/logout": [c()],
    "/account/password": [c()],
    "/": [c()],
    "/headings/<int:heading_id>": [
        c(heading_id="heading"), c(UNPUBLISHED_READERS, heading_id="unpublished")],
    "/submissions/<int:submission_id>": [
        c(submission_id="public"), c(submission_id="public_amendment"),
        c(CAC, submission_id="pending"), c(CAC, submission_id="out_of_order"),
        c(CAC, submission_id="withdrawn"), c(CAC, submission_id="unpublished_motion"),
        c(CAC, submission_id="pending_amendment"), c(OWNER_OR_CAC, submission_id="own")],
    **ADMIN_ROUTES,
    "/cac/headings/<int:heading_id>": [c(CAC, heading_id="heading"),
                                       c(CAC, heading_id="unpublished")],
    "/cac/headings/<int:heading_id>/publish": [c(CAC, heading_id="unpublished")],
    "/cac/submissions/<int:submission_id>/rule": [c(CAC, submission_id="pending")],
    "/cac/submissions/<int:submission_id>/correct": [c(CAC, submission_id="public")],
    "/cac/submissions/<int:submission_id>/settle": [c(CAC, submission_id="public_amendment")],
    "/cac/submissions/<int:submission_id>/unsettle": [
        c(CAC, submission_id="public_amendment")],
    "/composites/headings/<int:heading_id>/new": [c(CAC, heading_id="heading")],
    "/composites/headings/<int:heading_id>/import": [c(CAC, heading_id="heading")],
    **{rule: [c(CAC, composite_id="draft")] for rule in COMPOSITE_ROUTES_OF_THE_CAC},
    **{rule: [c(CAC, composite_id="draft", s=0)]
       for rule in COMPOSITE_SECTION_ROUTES_OF_THE_CAC},
    "/composites/<int:composite_id>/sections/<int:s>/groups/<int:g>": [
        c(CAC, composite_id="draft", s=0, g=0)],
    "/composites/<int:composite_id>/sections/<int:s>/groups/<int:g>/remove": [
        c(CAC, composite_id="draft", s=0, g=0)],
    "/composites/<int:composite_id>/sections/<int:s>/amendments/<int:a>/remove": [
        c(CAC, composite_id="draft", s=0, a=0)],
    "/composites/<int:composite_id>/unpublish": [c(CAC, composite_id="composite")],
    "/composites/<int:composite_id>": [
        c(composite_id="composite"), c(CAC, composite_id="draft"),
        c(CAC, composite_id="hidden_composite")],
    "/composites/<int:composite_id>/sources": [
        c(composite_id="composite"), c(CAC, composite_id="draft"),
        c(CAC, composite_id="hidden_composite")],
    "/documents/headings/<int:heading_id>/order-paper.<any(pdf, docx):fmt>": [
        c(heading_id="heading", fmt="docx"), c(CAC, heading_id="unpublished", fmt="docx")],
    "/documents/composites/<int:composite_id>/order-paper.<any(pdf, docx):fmt>": [
        c(composite_id="composite", fmt="docx"), c(CAC, composite_id="draft", fmt="docx"),
        c(CAC, composite_id="hidden_composite", fmt="docx")],
    "/documents/headings/<int:heading_id>/agreed.<any(pdf, docx):fmt>": [
        c(heading_id="voting", fmt="docx"), c(CAC, heading_id="recalled", fmt="docx")],
    "/submit/mine": [c(SUBMITTERS)],
    "/submit/headings/<int:heading_id>/motions/new": [
        c(SUBMITTERS, heading_id="heading"), c(SUBMITTERS, heading_id="unpublished")],
    **{rule: [c(SUBMITTERS, motion_id="public"), c(SUBMITTERS, motion_id="own"),
              c(ADMIN, motion_id="pending"), c(ADMIN, motion_id="out_of_order"),
              c(ADMIN, motion_id="withdrawn"), c(ADMIN, motion_id="unpublished_motion"),
              c(SUBMITTERS, motion_id="public_amendment")]  # amendments to amendments
       for rule in READ_LIKE_ITS_MOTION},
    **{rule: [c(SUBMITTERS, composite_id="composite", s=0),
              c(NOBODY, composite_id="draft", s=0),
              c(ADMIN, composite_id="hidden_composite", s=0)]
       for rule in READ_LIKE_ITS_COMPOSITE},
    "/submit/submissions/<int:submission_id>/edit": [
        c(OWNER, submission_id="own"), c(NOBODY, submission_id="pending")],
    "/submit/submissions/<int:submission_id>/withdraw": [
        c(OWNER, submission_id="own"), c(NOBODY, submission_id="pending")],
    "/submit/submissions/<int:submission_id>/versions": [
        c(OWNER_OR_CAC, submission_id="own"), c(CAC, submission_id="pending")],
    "/voting/headings/<int:heading_id>": [c(OFFICERS, heading_id="voting"),
                                          c(OFFICERS, heading_id="unpublished")],
    "/voting/headings/<int:heading_id>/start": [c(CHAIR, heading_id="heading")],
    "/voting/headings/<int:heading_id>/<any(count, declare, correct, withdraw, remit):step>": [
        c(OFFICERS, heading_id="voting", step="count"),
        *[c(CHAIR, heading_id="voting", step=step)
          for step in ("declare", "correct", "withdraw", "remit")]],
    **{f"/voting/headings/<int:heading_id>/{view}": [
        c(heading_id="voting"), c(CAC, heading_id="recalled")]
       for view in ("screen", "version", "events", "record")},
}


# --- the objects each cell uses --------------------------------------------------------------

# A word only each object's own text holds, to look for on the pages of those who may not read it.
SECRET = {"pending": "Zanzibar", "out_of_order": "Okapi", "withdrawn": "Narwhal",
          "own": "Wombat", "pending_amendment": "Quokka", "unpublished_motion": "Axolotl",
          "unpublished": "Platypus", "draft": "Pangolin"}


def secret_text(name: str) -> str:
    return f"1. Conference backs the {SECRET[name]} plan."



def engine_composite() -> EngineComposite:
    return EngineComposite("Aims composite", sections=[
        CompositeSection("1", "Aims", CommonGround(
            "1.1", "The alliance brings together groups on the Labour left.",
            amendments=[CompositeAmendment("Kent LLA", "Delete “on the Labour left”.")]),
            groups=[OptionGroup("1.2", "Differences", GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER, [
                Option("A", "It campaigns for open selection.", ["Other Group"]),
                Option("B", "It supports free movement of people.", ["Other Group"])])]),
    ])


@pytest.fixture
def world(app, db, conference, make_heading, make_organisation, make_user, make_submission):
    """Real rows, named: what a cell's arguments refer to."""
    own_group, other_group = make_organisation("Own Group"), make_organisation("Other Group")
    them = make_user(Role.SUBMITTER, organisation=other_group, name="Their Submitter")
    cac = make_user(Role.CAC, name="A CAC member")
    heading = make_heading("Published, not yet voted on", published=True)
    unpublished = make_heading(f"Not yet published ({SECRET['unpublished']})")
    public = make_submission(heading, them, title="In order", ruling=Ruling.IN_ORDER)
    pending = make_submission(heading, them, title="Awaiting a ruling",
                              text=secret_text("pending"))
    out_of_order = make_submission(heading, them, title="Ruled out", ruling=Ruling.OUT_OF_ORDER,
                                   text=secret_text("out_of_order"))
    withdrawn = make_submission(heading, them, title="Withdrawn", ruling=Ruling.IN_ORDER,
                                text=secret_text("withdrawn"))
    withdrawn.withdrawn_at = utcnow()
    own = make_submission(heading, make_user(Role.SUBMITTER, organisation=own_group),
                          title="Our own", organisation=own_group, text=secret_text("own"))
    public_amendment = make_submission(heading, them, text="Delete “to act”.", target=public,
                                       ruling=Ruling.IN_ORDER)
    pending_amendment = make_submission(
        heading, them, text=f"Delete “Conference” and insert “{SECRET['pending_amendment']}”.",
        target=public)
    unpublished_motion = make_submission(unpublished, them, title="Under an unpublished heading",
                                         ruling=Ruling.IN_ORDER,
                                         text=secret_text("unpublished_motion"))

    def composite(under, status: CompositeStatus, sources, title="Aims composite") -> Composite:
        item = Composite(heading=under, title=title, data=dump(engine_composite()),
                         status=status.value, created_by=cac,
                         published_at=utcnow() if status == CompositeStatus.PUBLISHED else None,
                         published_by=cac if status == CompositeStatus.PUBLISHED else None)
        item.sources = sources
        item.versions.append(CompositeVersion(number=1, data=item.data, created_by=cac,
                                              note="Drafted"))
        db.session.add(item)
        return item

    published = composite(heading, CompositeStatus.PUBLISHED, [public, pending])
    draft = composite(heading, CompositeStatus.DRAFT, [public, out_of_order],
                      title=f"Aims composite ({SECRET['draft']})")
    hidden = composite(unpublished, CompositeStatus.PUBLISHED, [unpublished_motion])
    voted = make_heading("Being voted on", published=True)
    recalled = make_heading("Voted on, then unpublished", published=True)
    for item in (voted, recalled):
        make_submission(item, them, title="Voted on", ruling=Ruling.IN_ORDER)
    db.session.commit()
    with app.test_request_context():
        for item in (voted, recalled):
            voting.start(item, cac)
    recalled.published_at = None
    db.session.commit()
    return {
        "conference": conference.id, "own_group": own_group.id, "someone": them.id,
        "heading": heading.id, "unpublished": unpublished.id, "voting": voted.id,
        "recalled": recalled.id, "public": public.id, "pending": pending.id,
        "out_of_order": out_of_order.id, "withdrawn": withdrawn.id, "own": own.id,
        "public_amendment": public_amendment.id, "pending_amendment": pending_amendment.id,
        "unpublished_motion": unpublished_motion.id, "composite": published.id,
        "draft": draft.id, "hidden_composite": hidden.id, "own_group_obj": own_group,
    }


# --- the matrix ------------------------------------------------------------------------------

URL_MAP = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"}).url_map
ROUTES = [rule for rule in URL_MAP.iter_rules() if rule.endpoint != "static"]
UNCLASSIFIED = Case({}, "unclassified")


def cells():
    for rule in sorted(ROUTES, key=lambda r: r.rule):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for n, case in enumerate(SPEC.get(rule.rule, [UNCLASSIFIED])):
                yield pytest.param(rule.rule, method, case, id=f"{method} {rule.rule} #{n}")


def outcome(response) -> str:
    if response.status_code >= 500:
        return f"error {response.status_code}"
    if response.status_code in (401, 403, 404):
        return f"refused {response.status_code}"
    return "allowed"


def request(client, method: str, url: str):
    response = client.open(url, method=method)
    response.close()  # an event stream ends here, unread
    return response


def anonymous_outcome(response, method: str) -> str:
    if method == "GET" and response.status_code == 302 and "/login" in response.location:
        return "login page"
    return outcome(response)


@pytest.mark.parametrize(("rule", "method", "case"), list(cells()))
def test_route_by_role(app, client, login, make_user, world, rule, method, case):
    assert case.allowed != "unclassified", (
        f"{method} {rule} is in no one's column: add it to SPEC in {__name__} with who may use it")
    [route] = [r for r in app.url_map.iter_rules() if r.rule == rule]
    values = {k: world.get(v, v) if isinstance(v, str) else v for k, v in case.args.items()}
    _, url = route.build(values, append_unknown=False)
    wrong = []
    expected = ("allowed" if case.allowed == PUBLIC
                else "login page" if method == "GET" else "refused 401")
    seen = anonymous_outcome(request(client, method, url), method)
    if seen != expected:
        wrong.append(f"anonymous: {seen}, not {expected}")
    for role in Role:
        login(make_user(role, name=f"A {role.value}",
                        organisation=world["own_group_obj"] if role == Role.SUBMITTER else None))
        response = request(client, method, url)
        seen = outcome(response)
        allowed = case.allowed == PUBLIC or role in case.allowed
        if seen.startswith("error") or (seen == "allowed") != allowed:
            wrong.append(f"{role.value}: {seen}, not {'allowed' if allowed else 'refused'}")
        client.post("/logout")
    assert not wrong, f"{method} {url}: " + "; ".join(wrong)


def test_the_matrix_covers_every_route():
    """Every route is classified, and nothing classified is stale."""
    rules = {rule.rule for rule in ROUTES}
    assert rules - set(SPEC) == set(), "routes nobody classified"
    assert set(SPEC) - rules == set(), "classified routes that no longer exist"


# What a role may read, it reads; what it may not never shows on those pages either (an
# unreadable amendment listed under a public motion, a pending source of a published composite,
# a draft composite named on the heading's page, an unpublished heading on the agenda).
PAGES_READ_BY_ALL = [
    "/", "/headings/{heading}", "/headings/{voting}", "/headings/{unpublished}",
    "/submissions/{public}", "/submissions/{own}", "/composites/{composite}",
    "/composites/{composite}/sources", "/voting/headings/{voting}",
    "/voting/headings/{unpublished}", "/voting/headings/{voting}/screen",
    "/voting/headings/{voting}/record", "/submit/mine",
    "/submit/motions/{public}/amendments/new",
    "/documents/headings/{heading}/order-paper.docx",
    "/documents/composites/{composite}/order-paper.docx",
]
UNREADABLE = {
    Role.DELEGATE: set(SECRET),
    Role.SUBMITTER: set(SECRET) - {"own", "unpublished"},
    Role.CHAIR: set(SECRET) - {"unpublished"},
    Role.TELLER: set(SECRET) - {"unpublished"},
}


def shown_text(response) -> str:
    """What a reader sees: the page, or the text of a Word document."""
    if response.mimetype.endswith("wordprocessingml.document"):
        with zipfile.ZipFile(io.BytesIO(response.data)) as document:
            return document.read("word/document.xml").decode()
    return response.text


@pytest.mark.parametrize("role", list(UNREADABLE))
def test_nothing_one_may_not_read_shows_on_the_pages_one_may(client, login, make_user, world,
                                                             role):
    login(make_user(role, organisation=world["own_group_obj"]
                    if role == Role.SUBMITTER else None))
    read, leaks = [], []
    for template in PAGES_READ_BY_ALL:
        url = template.format(**world)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        read.append(url)
        text = shown_text(response)
        leaks += [f"{SECRET[name]} ({name}) on {url}" for name in sorted(UNREADABLE[role])
                  if SECRET[name] in text]
    assert len(read) >= 8, read  # the test reads real pages, not only refusals
    assert not leaks, f"{role.value} reads what it may not: " + "; ".join(leaks)
    if role == Role.SUBMITTER:  # and what it may read, it does
        assert SECRET["own"] in client.get(f"/submissions/{world['own']}").text


# --- CSRF and the login form -------------------------------------------------------------------


@pytest.fixture
def csrf_client(app):
    guarded = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True, "SECRET_KEY": "test",
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    return guarded.test_client()


def test_posts_without_csrf_token_are_refused_and_store_nothing(csrf_client, db, heading,
                                                                make_user, make_organisation):
    user = make_user(Role.SUBMITTER, organisation=make_organisation())
    # The second app tears its session down after each request: keep plain values only.
    email, heading_id = user.email, heading.id
    response = csrf_client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 400
    assert "security token" in response.text
    motion = csrf_client.post(f"/submit/headings/{heading_id}/motions/new",
                              data={"title": "T", "text": "1. X", "on_behalf": "organisation"})
    assert motion.status_code == 400
    assert db.session.execute(db.select(func.count(Submission.id))).scalar_one() == 0


def test_login_form_carries_a_csrf_token(csrf_client):
    page = csrf_client.get("/login")
    assert 'name="csrf_token"' in page.text


def test_wrong_password_is_refused(client, make_user):
    user = make_user(Role.DELEGATE)
    response = client.post("/login", data={"email": user.email, "password": "nope"})
    assert response.status_code == 401
    assert "do not match" in response.text


def test_pages_forbid_inline_scripts_and_framing(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_anyone_changes_their_own_password(client, login, db, make_user):
    user = make_user(Role.DELEGATE)
    login(user)
    wrong = client.post("/account/password", data={"current": "nope", "new": "new password 1",
                                                   "again": "new password 1"})
    assert wrong.status_code == 403 and "not right" in wrong.text
    differ = client.post("/account/password", data={
        "current": PASSWORD, "new": "new password 1", "again": "new password 2"})
    assert differ.status_code == 422 and "differ" in differ.text
    assert user.check_password(PASSWORD)
    assert client.post("/account/password", data={
        "current": PASSWORD, "new": "new password 1", "again": "new password 1"}
    ).status_code == 302
    assert user.check_password("new password 1")

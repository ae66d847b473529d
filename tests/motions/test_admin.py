"""The secretary sets up the conference, its headings, organisations and accounts."""

from datetime import UTC, datetime
from html import unescape

import pytest

from motions.models import Conference, Organisation, Role, User

SETTINGS = {
    "name": "Founding conference", "starts_on": "2020-02-22", "ends_on": "2020-02-22",
    "timezone": "Europe/London", "motions_deadline": "2020-02-01T17:00",
    "amendments_deadline": "2020-02-15T12:00", "motions_per_submitter": "1",
    "amendments_per_submitter": "1", "min_individual_submitters": "10",
    "voting_rule": "simple", "bands": "10: 2\n100: 3\n500: 4\n2000: 5",
}


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, name="Sec Retary")


def test_admin_creates_a_conference_with_deadlines_in_its_time_zone(client, login, db, admin):
    login(admin)
    response = client.post("/admin/conferences/new", data=SETTINGS)
    assert response.status_code == 302
    conference = db.session.execute(db.select(Conference)).scalar_one()
    assert conference.motions_deadline == datetime(2020, 2, 1, 17, 0, tzinfo=UTC)
    assert [(b.min_members, b.delegates) for b in conference.bands] == [
        (10, 2), (100, 3), (500, 4), (2000, 5)]
    form = client.get(response.location).text
    assert 'value="2020-02-01T17:00"' in form


def test_summer_deadline_is_stored_in_utc(client, login, db, admin):
    login(admin)
    client.post("/admin/conferences/new", data={**SETTINGS, "motions_deadline": "2020-07-01T17:00"})
    conference = db.session.execute(db.select(Conference)).scalar_one()
    assert conference.motions_deadline == datetime(2020, 7, 1, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("bands", "10 two", "Band line 1 ('10 two') should read like '100: 3'"),
    ("bands", "100: 3\n10: 2", "from the smallest membership up"),
    ("timezone", "Mars/Olympus", "Unknown time zone 'Mars/Olympus'"),
    ("ends_on", "2020-02-21", "The last day is before the first day."),
])
def test_bad_settings_are_refused_and_nothing_saved(client, login, db, admin, field, value,
                                                    message):
    login(admin)
    response = client.post("/admin/conferences/new", data={**SETTINGS, field: value})
    assert response.status_code == 422
    assert message in unescape(response.text)
    assert db.session.execute(db.select(Conference)).first() is None


def test_headings_are_added_and_reordered(client, login, db, admin, conference):
    login(admin)
    for title in ("Recruitment", "Campaigning", "Constitution"):
        client.post(f"/admin/conferences/{conference.id}/headings", data={"title": title})
    assert [h.title for h in conference.headings] == ["Recruitment", "Campaigning",
                                                      "Constitution"]
    last = conference.headings[2]
    client.post(f"/admin/headings/{last.id}/up")
    db.session.expire_all()
    assert [h.title for h in conference.headings] == ["Recruitment", "Constitution",
                                                      "Campaigning"]
    first = conference.headings[0]
    refused = client.post(f"/admin/headings/{first.id}/up")
    assert refused.status_code == 422
    assert "already at that end" in refused.text


def test_heading_with_submissions_cannot_be_deleted(client, login, db, admin, heading,
                                                    make_submission):
    make_submission(heading, admin)
    login(admin)
    response = client.post(f"/admin/headings/{heading.id}/delete")
    assert response.status_code == 409
    assert heading in heading.conference.headings


def test_organisation_registered_with_its_delegate_entitlement(client, login, db, admin,
                                                              conference):
    login(admin)
    response = client.post(f"/admin/conferences/{conference.id}/organisations/new",
                           data={"name": "Dulwich Labour Left", "kind": "local_group",
                                 "membership": "150"})
    assert response.status_code == 302
    organisation = db.session.execute(db.select(Organisation)).scalar_one()
    assert organisation.delegate_entitlement == 3
    page = client.get(f"/admin/conferences/{conference.id}/organisations").text
    assert "Dulwich Labour Left" in page


def test_negative_membership_is_refused(client, login, db, admin, conference):
    login(admin)
    response = client.post(f"/admin/conferences/{conference.id}/organisations/new",
                           data={"name": "X", "kind": "local_group", "membership": "-5"})
    assert response.status_code == 422
    assert db.session.execute(db.select(Organisation)).first() is None


def test_admin_creates_accounts_with_roles(client, login, db, admin, make_organisation):
    group = make_organisation("Kent LLA")
    login(admin)
    response = client.post("/admin/users/new", data={
        "name": "Dee Legate", "email": "Dee@Example.org", "roles": ["delegate", "cac"],
        "organisation_id": str(group.id), "password": "long enough password"})
    assert response.status_code == 302
    user = db.session.execute(db.select(User).filter_by(email="dee@example.org")).scalar_one()
    assert user.roles == {Role.DELEGATE, Role.CAC}
    assert user.organisation == group
    assert user.check_password("long enough password")


@pytest.mark.parametrize(("data", "message", "status"), [
    ({"roles": ["delegate"]}, "A delegate represents an organisation", 422),
    ({"password": ""}, "A new account needs a password", 422),
    ({"email": "sec@example.org"}, "Another account already uses sec@example.org", 409),
])
def test_bad_accounts_are_refused(client, login, db, make_user, data, message, status):
    admin = make_user(Role.ADMIN, email="sec@example.org")
    login(admin)
    form = {"name": "New", "email": "new@example.org", "roles": ["submitter"],
            "organisation_id": "0", "password": "long enough password", **data}
    response = client.post("/admin/users/new", data=form)
    assert response.status_code == status
    assert message in response.text
    assert db.session.execute(db.select(User).filter_by(name="New")).first() is None


def test_admin_chooses_card_votes(client, login, db, admin):
    login(admin)
    client.post("/admin/conferences/new", data={**SETTINGS, "card_votes": "y"})
    assert db.session.execute(db.select(Conference)).scalar_one().card_votes is True


def test_admin_renames_a_heading(client, login, db, admin, heading):
    login(admin)
    response = client.post(f"/admin/headings/{heading.id}",
                           data={"title": "Our constitution", "description": "Drafts A-E"})
    assert response.status_code == 302
    assert (heading.title, heading.description) == ("Our constitution", "Drafts A-E")
    refused = client.post(f"/admin/headings/{heading.id}", data={"title": ""})
    assert refused.status_code == 422 and heading.title == "Our constitution"

"""The secretary registers organisations and accounts from a spreadsheet (CSV): preview, confirm."""

import io
import re
from html import unescape

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func

from motions import create_app
from motions.admin import imports
from motions.models import AuditEvent, Organisation, Role, User
from tests.motions.test_admin import SETTINGS

TOKEN = re.compile(r'name="token" type="hidden" value="([^"]+)"')
PASSWORD = re.compile(r"<code>([a-z2-9]{4}(?:-[a-z2-9]{4}){3})</code>")


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, name="Sec Retary", email="sec@example.org")


def page_text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def preview(client, conference, what, text=None, file=None, filename="list.csv"):
    data = {"text": text or ""}
    if file is not None:
        data["file"] = (io.BytesIO(file), filename)
    return client.post(f"/admin/conferences/{conference.id}/{what}/import", data=data,
                       content_type="multipart/form-data")


def confirm(client, conference, what, token):
    return client.post(f"/admin/conferences/{conference.id}/{what}/import/confirm",
                       data={"token": token})


def token_of(response) -> str:
    return TOKEN.search(response.text)[1]


def organisations(db) -> dict[str, tuple[str, int]]:
    rows = db.session.execute(db.select(Organisation)).scalars()
    return {o.name: (o.kind, o.membership) for o in rows}


def count(db, model) -> int:
    return db.session.execute(db.select(func.count(model.id))).scalar_one()


ORGANISATIONS_CSV = (
    "\ufeffName,Kind,Membership\r\n"
    "Dulwich Labour Left,Local group / branch,150\r\n"
    "KENT LLA,AFFILIATE,120\r\n"
    'Unite,trade union,"4,000"\r\n'
    "\r\n"
    "York LRC,branch,12\r\n"
    "Leeds LL,local_group,40\r\n"
)


# --- organisations -----------------------------------------------------------------------------


def test_organisation_preview_says_what_each_line_will_do_and_stores_nothing(
        client, login, db, admin, conference, make_organisation):
    make_organisation("Kent LLA", membership=50)
    make_organisation("Leeds LL", membership=40)
    login(admin)
    response = preview(client, conference, "organisations", file=ORGANISATIONS_CSV.encode())
    assert response.status_code == 200
    text = page_text(response)
    assert "5 row(s): 3 to create, 1 to update, 1 unchanged." in text
    assert "2 Dulwich Labour Left Local group / branch 150 3 Create" in text
    assert ("3 KENT LLA AFFILIATE 120 2 → 3 Update: "
            "kind Local group / branch → Affiliate; membership 50 → 120") in text
    assert "4 Unite trade union 4,000 5 Create" in text
    assert "6 York LRC branch 12 2 Create" in text  # blank line 5 skipped, numbering kept
    assert "7 Leeds LL local_group 40 2 No change" in text
    assert "Preview of 'list.csv'" in text
    assert organisations(db) == {"Kent LLA": ("local_group", 50), "Leeds LL": ("local_group", 40)}


def test_confirm_stores_exactly_the_previewed_rows_and_audits_the_import(
        client, login, db, admin, conference, make_organisation):
    make_organisation("Kent LLA", membership=50)
    login(admin)
    token = token_of(preview(client, conference, "organisations", text=ORGANISATIONS_CSV))
    response = confirm(client, conference, "organisations", token)
    assert response.status_code == 303
    assert organisations(db) == {
        "Dulwich Labour Left": ("local_group", 150), "Kent LLA": ("affiliate", 120),
        "Unite": ("trade_union", 4000), "York LRC": ("local_group", 12),
        "Leeds LL": ("local_group", 40),
    }
    page = page_text(client.get(response.location))
    assert "Organisations imported from pasted text: 4 created, 1 updated, 0 unchanged." in page
    event = db.session.execute(
        db.select(AuditEvent).filter_by(action="imported", subject="organisations")
    ).scalar_one()
    assert event.user_id == admin.id and event.subject_id == conference.id
    assert event.detail.startswith("from pasted text: 4 created, 1 updated, 0 unchanged.")
    assert "Kent LLA (kind Local group / branch → Affiliate; membership 50 → 120)" \
        in event.detail
    # Confirming the same preview again (sent twice, or reloaded): nothing happens twice, and
    # the page says the import was done rather than that the data changed.
    again = confirm(client, conference, "organisations", token)
    assert again.status_code == 303
    shown = page_text(client.get(again.location))
    assert "This import was already done" in shown and "nothing was imported again" in shown
    assert "the data changed" not in shown
    assert count(db, Organisation) == 5


BAD_ORGANISATIONS = (
    "name,kind,membership\n"
    "Dulwich Labour Left,branch,150\n"
    "Hackney LL,club,20\n"
    "Camden LL,branch,-5\n"
    "dulwich labour left,branch,10\n"
    ",affiliate,10\n"
    "Brent LL,branch,\n"
    "Ealing LL,branch,30,extra\n"
)


def test_error_rows_block_the_import_with_their_line_and_reason(client, login, db, admin,
                                                                 conference):
    login(admin)
    response = preview(client, conference, "organisations", text=BAD_ORGANISATIONS)
    assert response.status_code == 422
    text = page_text(response)
    assert "6 row(s) cannot be imported, so nothing will be" in text
    assert ("Line 3: unknown kind 'club'; use one of: Local group / branch, Affiliate, "
            "Trade union, National organisation.") in text
    assert "Line 4: the membership '-5' is not a whole number of members." in text
    assert "Line 5: dulwich labour left is already on line 2." in text
    assert "Line 6: no name." in text
    assert "Line 7: no membership (number of members)." in text
    assert "Line 8: a value ('extra') in a column with no heading." in text
    assert "Line 2:" not in text
    assert 'name="token"' not in response.text  # nothing to confirm
    assert count(db, Organisation) == 0


def test_a_tampered_or_foreign_confirmation_stores_nothing(client, login, db, admin, conference,
                                                           app):
    login(admin)
    token = token_of(preview(client, conference, "organisations", text=ORGANISATIONS_CSV))
    assert confirm(client, conference, "organisations", token[:-3] + "abc").status_code == 400
    # Signed with another key, or for the other import, or for another conference: refused.
    forged = URLSafeTimedSerializer("guess", salt="admin-import-organisations").dumps(
        {"conference": conference.id, "by": admin.id, "text": BAD_ORGANISATIONS,
         "source": "x", "plan": "x"})
    response = confirm(client, conference, "organisations", forged)
    assert response.status_code == 400
    assert "does not match a preview made here" in page_text(response)
    assert confirm(client, conference, "accounts", token).status_code == 400
    assert count(db, Organisation) == 0


def test_confirming_a_preview_whose_rows_have_since_become_errors_stores_nothing(
        client, login, db, admin, conference, make_organisation):
    kent = make_organisation("Kent LLA", membership=150)
    login(admin)
    token = token_of(preview(client, conference, "accounts",
                             text="Dee Legate,dee@example.org,delegate,Kent LLA\n"
                                  "Sam Mitter,sam@example.org,submitter,\n"))
    kent.name = "Kent Labour Left"  # renamed in another tab meanwhile
    db.session.commit()
    response = confirm(client, conference, "accounts", token)
    assert response.status_code == 409
    text = page_text(response)
    assert "Nothing was imported" in text
    assert "Line 1: no organisation called 'Kent LLA' in this conference" in text
    assert count(db, User) == 1


def test_file_level_problems_are_explained(client, login, db, admin, conference):
    login(admin)
    cases = [
        (b"PK\x03\x04rest of a zip", "That is a spreadsheet file, not CSV"),
        ("name,kind,membership\nZürich,branch,10\n".encode("latin-1"),
         "The file is not UTF-8 text (byte 23 is not)"),
        (b"name,kind,membership\n", "the file has no rows below its heading row"),
        (b"name,sort,membership\nA,branch,10\n",
         "Line 1: unknown column 'sort'; the columns are name, kind, membership."),
        (b"x" * (imports.MAX_BYTES + 1), "at most 256 KB can be imported at once"),
        (b'A,branch,"10\n', "Line 1: this is not valid CSV"),
    ]
    for content, message in cases:
        response = preview(client, conference, "organisations", file=content)
        assert response.status_code == 422, message
        assert message in page_text(response)
    nothing = preview(client, conference, "organisations", text="  \n")
    assert "Nothing to import" in page_text(nothing)
    assert count(db, Organisation) == 0


def test_rows_pasted_from_a_spreadsheet_with_tabs_and_columns_in_any_order(
        client, login, db, admin, conference):
    login(admin)
    pasted = "Members\tName\tType\n1,200\tMerseyside LL\tNational organisation\n"
    response = preview(client, conference, "organisations", text=pasted)
    assert response.status_code == 200
    confirm(client, conference, "organisations", token_of(response))
    assert organisations(db) == {"Merseyside LL": ("national", 1200)}


def test_lowering_membership_below_the_delegates_registered_is_refused(
        client, login, db, admin, conference, make_organisation, make_user):
    kent = make_organisation("Kent LLA", membership=150)  # 3 delegates
    for _ in range(3):
        make_user(Role.DELEGATE, organisation=kent)
    login(admin)
    response = preview(client, conference, "organisations", text="Kent LLA,branch,50\n")
    assert response.status_code == 422
    assert ("Line 1: Kent LLA has 3 delegate account(s); 50 members would entitle it to only 2"
            in page_text(response))
    single = client.post(f"/admin/organisations/{kent.id}",
                         data={"name": "Kent LLA", "kind": "local_group", "membership": "50"})
    assert single.status_code == 409
    db.session.expire_all()
    assert kent.membership == 150


# --- accounts ----------------------------------------------------------------------------------

ACCOUNTS_CSV = (
    "Name,E-mail,Roles,Organisation\n"
    "Dee Legate,Dee@Example.org,delegate,kent lla\n"
    "Sam Mitter,sam@example.org,Submitter; CAC member delegate,Kent LLA\n"
    "Old Hand (renamed),old@example.org,delegate submitter,Dulwich Labour Left\n"
    "Cass Member,cass@example.org,cac,\n"
)


@pytest.fixture
def groups(make_organisation):
    return make_organisation("Kent LLA", membership=150), make_organisation(
        "Dulwich Labour Left", membership=50)


def test_account_preview_shows_creates_updates_and_delegates_per_organisation(
        client, login, db, admin, conference, groups, make_user):
    kent, dulwich = groups
    old = make_user(Role.DELEGATE, organisation=kent, name="Old Hand", email="old@example.org")
    make_user(Role.CAC, name="Cass Member", email="cass@example.org")
    login(admin)
    response = preview(client, conference, "accounts", text=ACCOUNTS_CSV)
    assert response.status_code == 200
    text = page_text(response)
    assert "4 row(s): 2 to create, 1 to update, 1 unchanged." in text
    assert "2 Dee Legate Dee@Example.org delegate kent lla Create" in text
    assert ("4 Old Hand (renamed) old@example.org delegate submitter Dulwich Labour Left Update: "
            "name Old Hand → Old Hand (renamed); roles Delegate → Delegate, Submitter; "
            "organisation Kent LLA → Dulwich Labour Left") in text
    assert "5 Cass Member cass@example.org cac No change" in text
    assert "Dulwich Labour Left 2 0 1 Kent LLA 3 1 2" in text  # entitled, now, after
    assert count(db, User) == 3
    assert old.organisation == kent


def test_new_accounts_get_passwords_shown_once_that_work(client, login, db, admin, conference,
                                                       groups, make_user):
    old = make_user(Role.DELEGATE, organisation=groups[0], email="old@example.org")
    old_hash = old.password_hash
    login(admin)
    token = token_of(preview(client, conference, "accounts", text=ACCOUNTS_CSV))
    done = confirm(client, conference, "accounts", token)
    assert done.status_code == 200
    assert done.headers["Cache-Control"] == "no-store"
    passwords = PASSWORD.findall(done.text)
    assert len(passwords) == 3 == len(set(passwords))  # Dee, Sam, Cass: new accounts
    assert "3 created, 1 updated, 0 unchanged" in page_text(done)
    db.session.expire_all()
    sam = db.session.execute(db.select(User).filter_by(email="sam@example.org")).scalar_one()
    assert sam.roles == {Role.SUBMITTER, Role.CAC, Role.DELEGATE}
    assert sam.organisation == groups[0]
    assert old.name == "Old Hand (renamed)" and old.organisation == groups[1]
    assert old.password_hash == old_hash  # an existing account keeps its password
    event = db.session.execute(
        db.select(AuditEvent).filter_by(action="imported", subject="accounts")).scalar_one()
    assert event.user_id == admin.id
    assert "Created: dee@example.org, sam@example.org, cass@example.org" in event.detail
    assert not any(p in event.detail for p in passwords)

    download = client.post("/admin/imports/passwords.csv",
                           data={"token": token_of(done)})
    assert download.headers["Content-Disposition"] == "attachment; filename=new-accounts.csv"
    lines = download.text.splitlines()
    assert lines[0] == "name,email,organisation,password"
    assert lines[1] == f"Dee Legate,dee@example.org,Kent LLA,{passwords[0]}"

    # Shown once: confirming again shows no password, and issues none.
    again = confirm(client, conference, "accounts", token)
    assert "This import was already done" in page_text(again)
    assert not PASSWORD.search(again.text)

    client.post("/logout")
    response = client.post("/login", data={"email": "dee@example.org",
                                           "password": passwords[0]})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


BAD_ACCOUNTS = (
    "Dee Legate,dee@example.org,delegate,Kent LLA\n"
    "Al Ien,al@example.org,delgate,Kent LLA\n"
    "Bo Gus,bo@example.org,submitter,Kent LAA\n"
    "No Group,nogroup@example.org,delegate,\n"
    "Dee Again,DEE@example.org,submitter,\n"
    "Mal Formed,mal.example.org,submitter,\n"
    "Role Less,less@example.org,,\n"
    "Sec Retary,sec@example.org,delegate,Kent LLA\n"
)


def test_account_rows_in_error_are_named_by_line_and_nothing_is_stored(
        client, login, db, admin, conference, groups):
    login(admin)
    response = preview(client, conference, "accounts", text=BAD_ACCOUNTS)
    assert response.status_code == 422
    text = page_text(response)
    assert "7 row(s) cannot be imported" in text
    assert "Line 2: unknown role 'delgate'; the roles are admin, cac, chair, teller, " \
           "delegate, submitter" in text
    assert ("Line 3: no organisation called 'Kent LAA' in this conference "
            "(did you mean 'Kent LLA'?).") in text
    assert "Line 4: a delegate represents an organisation: name it." in text
    assert "Line 5: dee@example.org is already on line 1." in text
    assert "Line 6: 'mal.example.org' is not an e-mail address" in text
    assert "Line 7: no roles; give one or more of" in text
    assert "Line 8: this is your own account: an import cannot take your admin role away" in text
    assert "Line 1:" not in text
    assert 'name="token"' not in response.text
    assert count(db, User) == 1


def test_an_import_gives_no_organisation_more_delegates_than_it_is_entitled_to(
        client, login, db, admin, conference, groups, make_user):
    kent, dulwich = groups  # entitled to 3 and 2
    make_user(Role.DELEGATE, organisation=dulwich, email="d1@example.org")
    login(admin)
    response = preview(client, conference, "accounts", text=(
        "A,a@example.org,delegate,Dulwich Labour Left\n"
        "B,b@example.org,delegate,Dulwich Labour Left\n"
        "C,c@example.org,delegate,Kent LLA\n"))
    assert response.status_code == 422
    assert ("Line 2: Dulwich Labour Left is entitled to 2 delegate(s) and already has 2 "
            "(1 registered, 1 on earlier lines of this file).") in page_text(response)
    assert count(db, User) == 2

    # Moving the registered delegate elsewhere frees the place, whatever the order of the rows.
    moved = preview(client, conference, "accounts", text=(
        "A,a@example.org,delegate,Dulwich Labour Left\n"
        "B,b@example.org,delegate,Dulwich Labour Left\n"
        "D One,d1@example.org,delegate,Kent LLA\n"))
    assert moved.status_code == 200
    assert confirm(client, conference, "accounts", token_of(moved)).status_code == 200
    db.session.expire_all()
    assert sorted(u.email for u in dulwich.users) == ["a@example.org", "b@example.org"]


def test_the_account_form_gives_no_organisation_more_delegates_than_it_is_entitled_to(
        client, login, db, admin, groups, make_user):
    dulwich = groups[1]  # 50 members: 2 delegates
    first = make_user(Role.DELEGATE, organisation=dulwich)
    make_user(Role.DELEGATE, organisation=dulwich)
    make_user(Role.SUBMITTER, organisation=dulwich)  # not a delegate: does not count
    login(admin)
    form = {"name": "Third", "email": "third@example.org", "roles": ["delegate"],
            "organisation_id": str(dulwich.id), "password": "long enough password"}
    response = client.post("/admin/users/new", data=form)
    assert response.status_code == 409
    assert ("Dulwich Labour Left is entitled to 2 delegate(s) and already has 2: take the "
            "delegate role from one of them first, or raise its membership.") in unescape(
                response.text)
    assert db.session.execute(db.select(User).filter_by(name="Third")).first() is None
    # A delegate already counted may still be edited, and a non-delegate saved.
    edit = client.post(f"/admin/users/{first.id}", data={**form, "email": first.email,
                                                         "name": "Renamed", "password": ""})
    assert edit.status_code == 302
    assert client.post("/admin/users/new", data={**form, "roles": ["submitter"]}
                       ).status_code == 302


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_the_secretary_may_import(client, login, db, conference, make_user,
                                       make_organisation, role):
    login(make_user(role, organisation=make_organisation()))
    for what in ("organisations", "accounts"):
        base = f"/admin/conferences/{conference.id}/{what}/import"
        assert client.get(base).status_code == 403
        assert preview(client, conference, what, text="A,branch,10\n").status_code == 403
        assert client.post(base + "/confirm", data={"token": "x"}).status_code == 403
    assert client.post("/admin/imports/passwords.csv", data={"token": "x"}).status_code == 403
    assert count(db, User) == 1


def test_strangers_are_sent_to_log_in(client, conference):
    response = client.get(f"/admin/conferences/{conference.id}/organisations/import")
    assert response.status_code == 302 and "/login" in response.location


def test_import_pages_are_linked_and_explain_the_format(client, login, db, admin, conference):
    login(admin)
    assert "Import organisations from CSV" in client.get(
        f"/admin/conferences/{conference.id}/organisations").text
    assert "Import accounts from CSV" in client.get("/admin/users").text
    page = page_text(client.get(f"/admin/conferences/{conference.id}/accounts/import"))
    assert "name,email,roles,organisation" in page


@pytest.fixture
def csrf_client(app):
    guarded = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True, "SECRET_KEY": "test",
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    return guarded.test_client()


def csrf_token(response) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.text)[1]


def test_import_posts_need_the_csrf_token(csrf_client, db, admin, conference):
    # The second app tears its session down after each request: keep plain values only.
    email, conference_id = admin.email, conference.id
    login_page = csrf_client.get("/login")
    assert csrf_client.post("/login", data={"email": email, "password": "correct horse battery",
                                            "csrf_token": csrf_token(login_page)}
                            ).status_code == 302
    url = f"/admin/conferences/{conference_id}/organisations/import"
    form = csrf_client.get(url)
    assert csrf_client.post(url, data={"text": ORGANISATIONS_CSV}).status_code == 400
    shown = csrf_client.post(url, data={"text": ORGANISATIONS_CSV,
                                        "csrf_token": csrf_token(form)})
    assert shown.status_code == 200
    token = token_of(shown)
    refused = csrf_client.post(url + "/confirm", data={"token": token})
    assert refused.status_code == 400
    assert count(db, Organisation) == 0
    done = csrf_client.post(url + "/confirm", data={"token": token,
                                                    "csrf_token": csrf_token(shown)})
    assert done.status_code == 303
    assert count(db, Organisation) == 5


def test_new_bands_may_not_leave_an_organisation_over_its_entitlement(
        client, login, db, admin, conference, groups, make_user):
    kent = groups[0]  # 150 members: 3 delegates
    for _ in range(3):
        make_user(Role.DELEGATE, organisation=kent)
    login(admin)
    url = f"/admin/conferences/{conference.id}"
    response = client.post(url, data={**SETTINGS, "bands": "10: 2\n500: 4"})
    assert response.status_code == 409
    assert ("Kent LLA (150 members) has 3 delegate account(s) and would be entitled to 2"
            in unescape(response.text))
    db.session.expire_all()
    assert [(b.min_members, b.delegates) for b in conference.bands][1] == (100, 3)
    assert client.post(url, data={**SETTINGS, "bands": "10: 2\n100: 3\n1000: 5"}
                       ).status_code == 302


def test_a_preview_whose_entitlements_changed_is_not_confirmed(client, login, db, admin,
                                                               conference):
    login(admin)
    token = token_of(preview(client, conference, "organisations", text="Unite,trade union,150\n"))
    conference.bands[1].delegates = 4  # the bands were edited in another tab
    db.session.commit()
    response = confirm(client, conference, "organisations", token)
    assert response.status_code == 409
    assert "1 Unite trade union 150 4 Create" in page_text(response)
    assert count(db, Organisation) == 0


def checkbox_of(page: str, email: str) -> str:
    """The checkbox of the account whose label names ``email``."""
    item = [li for li in page.split("<li>") if f"&lt;{email}&gt;" in li][0]
    return re.search(r"<input[^>]*>", item)[0]


def test_reloading_the_passwords_page_offers_new_passwords_for_those_accounts(
        client, login, db, admin, conference, groups, make_user):
    make_user(Role.DELEGATE, organisation=groups[0], email="old@example.org")
    login(admin)
    token = token_of(preview(client, conference, "accounts", text=ACCOUNTS_CSV))
    first = PASSWORD.findall(confirm(client, conference, "accounts", token).text)
    dee_password = first[0]
    client.post("/logout")  # Dee logs in with hers meanwhile
    assert client.post("/login", data={"email": "dee@example.org",
                                       "password": dee_password}).status_code == 302
    client.post("/logout")
    login(admin)

    reloaded = confirm(client, conference, "accounts", token)
    assert reloaded.status_code == 200 and reloaded.headers["Cache-Control"] == "no-store"
    page = page_text(reloaded)
    assert "This import was already done" in page and "nothing was imported again" in page
    assert "cannot be shown again" in page and not PASSWORD.search(reloaded.text)
    assert "checked" in checkbox_of(reloaded.text, "sam@example.org")
    assert "checked" in checkbox_of(reloaded.text, "cass@example.org")
    assert "checked" not in checkbox_of(reloaded.text, "dee@example.org")
    assert "has logged in since" in reloaded.text.split("&lt;dee@example.org&gt;")[1][:200]
    assert "old@example.org" not in reloaded.text  # it kept its password: not offered
    assert count(db, User) == 5  # admin, old, and the three created once

    offer = token_of(reloaded)
    ids = {u.email: u.id for u in db.session.execute(db.select(User)).scalars()}
    chosen = [ids["sam@example.org"], ids["cass@example.org"]]
    done = client.post(f"/admin/conferences/{conference.id}/accounts/import/new-passwords",
                       data={"token": offer, "accounts": chosen})
    assert done.status_code == 200 and done.headers["Cache-Control"] == "no-store"
    new = PASSWORD.findall(done.text)
    assert len(new) == 2 and not set(new) & set(first)
    assert "New passwords set for 2 accounts" in page_text(done)
    event = db.session.execute(
        db.select(AuditEvent).filter_by(action="passwords reset")).scalar_one()
    assert "sam@example.org, cass@example.org" in event.detail and new[0] not in event.detail

    # Reloading that page sets none again: it says they were set, and offers again.
    sam = db.session.get(User, ids["sam@example.org"])
    sam_hash = sam.password_hash
    again = client.post(f"/admin/conferences/{conference.id}/accounts/import/new-passwords",
                        data={"token": offer, "accounts": chosen})
    assert "New passwords were set for them at" in page_text(again)
    assert not PASSWORD.search(again.text)
    db.session.expire_all()
    assert db.session.get(User, ids["sam@example.org"]).password_hash == sam_hash

    client.post("/logout")
    for email, password, works in (("sam@example.org", first[1], False),
                                   ("sam@example.org", new[0], True),
                                   ("dee@example.org", dee_password, True)):
        response = client.post("/login", data={"email": email, "password": password})
        assert (response.status_code == 302) is works, (email, works)
        client.post("/logout")


def test_new_passwords_only_for_accounts_the_import_created(client, login, db, admin,
                                                            conference, groups, make_user):
    old = make_user(Role.DELEGATE, organisation=groups[0], email="old@example.org")
    old_hash = old.password_hash
    login(admin)
    token = token_of(preview(client, conference, "accounts", text=ACCOUNTS_CSV))
    confirm(client, conference, "accounts", token)
    offer = token_of(confirm(client, conference, "accounts", token))
    url = f"/admin/conferences/{conference.id}/accounts/import/new-passwords"
    assert client.post(url, data={"token": offer, "accounts": [old.id]}).status_code == 400
    forged = client.post(url, data={"token": offer + "x", "accounts": []})
    assert forged.status_code == 400
    none = client.post(url, data={"token": offer})
    assert none.status_code == 422 and "Choose the accounts" in page_text(none)
    db.session.expire_all()
    assert db.session.get(User, old.id).password_hash == old_hash
    assert db.session.execute(
        db.select(AuditEvent).filter_by(action="passwords reset")).first() is None

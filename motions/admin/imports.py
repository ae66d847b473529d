"""Registering organisations and accounts from a spreadsheet (CSV): read, plan, apply.

Reading and planning store nothing: a plan says, row by row (by line number), what would be
created, updated or left unchanged, or why the row cannot be taken. Only a plan without errors
is applied. The secretary's confirmation carries the CSV text signed with the app's key; it is
read and planned again, and applied only if the plan is the one previewed.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import re
import secrets
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import generate_password_hash

from motions.admin import services
from motions.auth.models import LoginSession
from motions.extensions import db
from motions.models import AuditEvent, Conference, Organisation, Role, User
from motions.models.conference import OrganisationKind
from motions.services import RuleError, record

MAX_BYTES = 256 * 1024
MAX_ROWS = 5000
CONFIRM_WITHIN = 60 * 60  # seconds a preview may be confirmed in
PASSWORDS_WITHIN = 30 * 60  # seconds the new passwords can be downloaded for

ORGANISATION_COLUMNS = ("name", "kind", "membership")
ACCOUNT_COLUMNS = ("name", "email", "roles", "organisation")


def _key(text: str) -> str:
    """Lower case, '_' and '-' as spaces, spaced slashes, single spaces: for matching words."""
    text = text.casefold().replace("_", " ").replace("-", " ").replace("/", " / ")
    return " ".join(text.split())


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


HEADINGS = {
    "organisations": {
        **dict.fromkeys(["name", "organisation", "organisation name", "organization",
                         "organization name"], "name"),
        **dict.fromkeys(["kind", "type"], "kind"),
        **dict.fromkeys(["membership", "members"], "membership"),
    },
    "accounts": {
        **dict.fromkeys(["name", "full name"], "name"),
        **dict.fromkeys(["email", "e-mail", "email address", "e-mail address"], "email"),
        **dict.fromkeys(["roles", "role"], "roles"),
        **dict.fromkeys(["organisation", "organization", "organisation name", "org"],
                        "organisation"),
    },
}
HEADINGS = {what: {_key(spelling): column for spelling, column in names.items()}
            for what, names in HEADINGS.items()}
REQUIRED_HEADINGS = {"organisations": ORGANISATION_COLUMNS, "accounts": ("name", "email", "roles")}


def _kind_names() -> dict[str, OrganisationKind]:
    names = {}
    for kind in OrganisationKind:
        for spelling in (kind.value, kind.label, *kind.label.split("/")):
            names[_key(spelling)] = kind
    return names


def _role_names() -> dict[str, Role]:
    names = {}
    for role in Role:
        for spelling in (role.value, role.label, *role.label.split("/")):
            names[_key(spelling)] = role
    return names


KIND_NAMES = _kind_names()
ROLE_NAMES = _role_names()


# --- reading -----------------------------------------------------------------------------------


def read_upload(data: bytes | None, pasted: str | None) -> str:
    """The CSV text from an uploaded file (preferred) or pasted text; a clear error otherwise."""
    if data:
        if len(data) > MAX_BYTES:
            raise RuleError(_too_big(len(data)))
        if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise RuleError("That is a spreadsheet file, not CSV: in the spreadsheet choose "
                            "'Save as' → 'CSV UTF-8 (comma delimited)' and upload that.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RuleError(f"The file is not UTF-8 text (byte {error.start + 1} is not): save "
                            "it from the spreadsheet as 'CSV UTF-8'.") from None
    else:
        text = (pasted or "").removeprefix("\ufeff")
        if len(text.encode()) > MAX_BYTES:
            raise RuleError(_too_big(len(text.encode())))
    if "\x00" in text:
        raise RuleError("The file contains NUL characters: it is not a CSV text file.")
    if not text.strip():
        raise RuleError("Nothing to import: choose a CSV file or paste its rows.")
    return text


def _too_big(size: int) -> str:
    return (f"That is {size // 1024} KB; at most {MAX_BYTES // 1024} KB can be imported at once: "
            "split the file.")


@dataclass
class Row:
    line: int
    cells: dict[str, str]
    errors: list[str] = field(default_factory=list)
    action: str = "error"  # create, update, unchanged or error
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)
    target_id: int | None = None
    data: dict = field(default_factory=dict)  # the values to store
    entitlement: tuple[int | None, int] | None = None  # (before, after), organisations only

    def refuse(self, message: str) -> None:
        self.errors.append(message)


@dataclass
class Plan:
    what: str  # "organisations" or "accounts"
    rows: list[Row]
    delegations: list[dict] = field(default_factory=list)  # accounts: per organisation involved

    @property
    def errors(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def digest(self) -> str:
        """What the plan would do, as a hash: a confirmation applies only the plan it previewed."""
        content = [[r.line, r.action, r.target_id, r.data, r.changes, r.errors, r.entitlement]
                   for r in self.rows]
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def read_rows(text: str, what: str) -> list[Row]:
    """CSV rows (with an optional heading row) as Rows of stripped cells, by line number."""
    columns = ORGANISATION_COLUMNS if what == "organisations" else ACCOUNT_COLUMNS
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first_line else ","  # rows pasted from a spreadsheet have tabs
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    header: list[str | None] | None = None
    first, end = True, 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue
            if first:
                first = False
                if _looks_like_header(cells, what):
                    header = _header(cells, what, start)
                    continue
            if len(rows) >= MAX_ROWS:
                raise RuleError(f"More than {MAX_ROWS} rows: split the file.")
            rows.append(_row(start, cells, header, columns))
    except csv.Error as error:
        raise RuleError(f"Line {reader.line_num}: this is not valid CSV ({error}).") from None
    if not rows:
        raise RuleError("Nothing to import: the file has no rows below its heading row.")
    return rows


def _looks_like_header(cells: list[str], what: str) -> bool:
    return sum(1 for cell in cells if _key(cell) in HEADINGS[what]) >= 2


def _header(cells: list[str], what: str, line: int) -> list[str | None]:
    header: list[str | None] = []
    for cell in cells:
        if not cell:
            header.append(None)
            continue
        column = HEADINGS[what].get(_key(cell))
        if column is None:
            known = ", ".join(ORGANISATION_COLUMNS if what == "organisations"
                              else ACCOUNT_COLUMNS)
            raise RuleError(f"Line {line}: unknown column '{cell}'; the columns are {known}.")
        if column in header:
            raise RuleError(f"Line {line}: the column '{column}' is there twice.")
        header.append(column)
    missing = [c for c in REQUIRED_HEADINGS[what] if c not in header]
    if missing:
        raise RuleError(f"Line {line}: the heading row has no '{missing[0]}' column.")
    return header


def _row(line: int, cells: list[str], header: list[str | None] | None,
         columns: tuple[str, ...]) -> Row:
    names = header if header is not None else list(columns)
    row = Row(line, dict.fromkeys(columns, ""))
    for position, cell in enumerate(cells):
        column = names[position] if position < len(names) else None
        if column is not None:
            row.cells[column] = cell
        elif cell:
            row.refuse(f"a value ('{cell}') beyond the columns {', '.join(columns)}"
                       if header is None else f"a value ('{cell}') in a column with no heading")
    return row


def _parse_membership(text: str) -> int | None:
    if re.fullmatch(r"\d+|\d{1,3}(?:[, ]\d{3})+", text):
        return int(re.sub(r"[, ]", "", text))
    return None


def parse_roles(text: str) -> tuple[set[Role], list[str]]:
    """Roles separated by ';', ',' or spaces, by value or label ('CAC member delegate')."""
    roles: set[Role] = set()
    unknown: list[str] = []
    for part in re.split(r"[;,]", text):
        words = part.split()
        start = 0
        while start < len(words):
            for stop in range(len(words), start, -1):  # the longest run of words that is a role
                role = ROLE_NAMES.get(_key(" ".join(words[start:stop])))
                if role is not None:
                    roles.add(role)
                    start = stop
                    break
            else:
                unknown.append(words[start])
                start += 1
    return roles, unknown


def _suggestion(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- organisations -----------------------------------------------------------------------------


def plan_organisations(conference: Conference, text: str) -> Plan:
    plan = Plan("organisations", read_rows(text, "organisations"))
    existing: dict[str, list[Organisation]] = {}
    for organisation in conference.organisations:
        existing.setdefault(name_key(organisation.name), []).append(organisation)
    seen: dict[str, int] = {}
    kinds = ", ".join(k.label for k in OrganisationKind)
    for row in plan.rows:
        name, kind_text, members_text = (row.cells[c] for c in ORGANISATION_COLUMNS)
        if not name:
            row.refuse("no name")
        elif len(name) > 200:
            row.refuse("the name is longer than 200 characters")
        kind = KIND_NAMES.get(_key(kind_text))
        if kind is None:
            row.refuse(f"unknown kind '{kind_text}'; use one of: {kinds}" if kind_text
                       else f"no kind; use one of: {kinds}")
        membership = _parse_membership(members_text)
        if membership is None or membership > 10_000_000:
            row.refuse(f"the membership '{members_text}' is not a whole number of members"
                       if members_text else "no membership (number of members)")
        key = name_key(name)
        if name and key in seen:
            row.refuse(f"{name} is already on line {seen[key]}")
        seen.setdefault(key, row.line)
        matches = existing.get(key, [])
        if len(matches) > 1:
            row.refuse(f"{len(matches)} organisations of this conference are called '{name}' "
                       "(ignoring case): rename all but one first")
        if row.errors:
            continue
        entitled = conference.delegates_for(membership)
        row.data = {"name": name, "kind": kind.value, "membership": membership}
        if not matches:
            row.action, row.entitlement = "create", (None, entitled)
            continue
        organisation = matches[0]
        row.target_id = organisation.id
        row.entitlement = (organisation.delegate_entitlement, entitled)
        row.data["name"] = organisation.name  # matched ignoring case: its spelling stays
        if organisation.kind != kind.value:
            row.changes.append(("kind", organisation.kind_label, kind.label))
        if organisation.membership != membership:
            row.changes.append(("membership", str(organisation.membership), str(membership)))
            delegates = len(services.delegates_of(organisation.id))
            if delegates > entitled:
                row.refuse(f"{organisation.name} has {delegates} delegate account(s); "
                           f"{membership} members would entitle it to only {entitled}")
                continue
        row.action = "update" if row.changes else "unchanged"
    return plan


def apply_organisations(conference: Conference, plan: Plan, source: str,
                        preview_id: str = "") -> str:
    """Store a plan without errors; returns (and audits) a summary."""
    assert not plan.errors, "a plan with errors is never applied"
    done: dict[str, list[str]] = {"created": [], "updated": []}
    for row in plan.rows:
        if row.action == "create":
            organisation = Organisation(conference=conference)
            done["created"].append(row.data["name"])
        elif row.action == "update":
            organisation = db.session.get(Organisation, row.target_id)
            done["updated"].append(row.data["name"] + " (" + "; ".join(
                f"{what} {before} → {after}" for what, before, after in row.changes) + ")")
        else:
            continue
        services.save_organisation(organisation, **row.data)
    summary = (f"{len(done['created'])} created, {len(done['updated'])} updated, "
               f"{plan.count('unchanged')} unchanged")
    record("imported", "organisations", conference.id,
           f"from {source}: {summary}. Created: {', '.join(done['created']) or '-'}. "
           f"Updated: {', '.join(done['updated']) or '-'}.{_done_mark(preview_id, [])}")
    return summary


# --- accounts ----------------------------------------------------------------------------------


def plan_accounts(conference: Conference, text: str, by: User) -> Plan:
    plan = Plan("accounts", read_rows(text, "accounts"))
    organisations: dict[str, list[Organisation]] = {}
    for organisation in conference.organisations:
        organisations.setdefault(name_key(organisation.name), []).append(organisation)
    organisation_names = [o.name for o in conference.organisations]
    users = {u.email: u for u in db.session.execute(db.select(User)).scalars()}
    seen: dict[str, int] = {}
    role_list = ", ".join(r.value for r in Role)
    finals: dict[int, Organisation] = {}  # row line -> organisation it makes them a delegate of
    for row in plan.rows:
        name, email_text, roles_text, organisation_text = (row.cells[c] for c in ACCOUNT_COLUMNS)
        if not name:
            row.refuse("no name")
        elif len(name) > 200:
            row.refuse("the name is longer than 200 characters")
        email = email_text.lower()
        if not email_text:
            row.refuse("no e-mail address")
        else:
            try:
                validate_email(email_text, check_deliverability=False)
            except EmailNotValidError as error:
                row.refuse(f"'{email_text}' is not an e-mail address: {error}")
            if len(email) > 200:
                row.refuse("the e-mail address is longer than 200 characters")
            if email in seen:
                row.refuse(f"{email} is already on line {seen[email]}")
            seen.setdefault(email, row.line)
        roles, unknown = parse_roles(roles_text)
        for word in unknown:
            row.refuse(f"unknown role '{word}'; the roles are {role_list} (or their names as "
                       "the Accounts page shows them)")
        if not roles and not unknown:
            row.refuse(f"no roles; give one or more of {role_list}")
        organisation = None
        if organisation_text:
            matches = organisations.get(name_key(organisation_text), [])
            if not matches:
                row.refuse(f"no organisation called '{organisation_text}' in this conference"
                           + _suggestion(organisation_text, organisation_names))
            elif len(matches) > 1:
                row.refuse(f"{len(matches)} organisations are called '{organisation_text}'")
            else:
                organisation = matches[0]
        elif Role.DELEGATE in roles:
            row.refuse("a delegate represents an organisation: name it")
        user = users.get(email)
        if user is not None and user.id == by.id and Role.ADMIN not in roles:
            row.refuse("this is your own account: an import cannot take your admin role away")
        if row.errors:
            continue
        if Role.DELEGATE in roles:
            finals[row.line] = organisation
        row.data = {"name": name, "email": email, "roles": sorted(r.value for r in roles),
                    "organisation_id": organisation.id if organisation else None}
        if user is None:
            row.action = "create"
            continue
        row.target_id = user.id
        if user.name != name:
            row.changes.append(("name", user.name, name))
        if user.roles != roles:
            row.changes.append(("roles", _role_labels(user.roles), _role_labels(roles)))
        if user.organisation_id != row.data["organisation_id"]:
            row.changes.append(("organisation", user.organisation.name if user.organisation
                                else "none", organisation.name if organisation else "none"))
        row.action = "update" if row.changes else "unchanged"
    plan.delegations = _check_entitlements(plan, finals, users, organisations)
    return plan


def _role_labels(roles) -> str:
    return ", ".join(r.label for r in sorted(roles)) or "none"


def _check_entitlements(plan: Plan, finals: dict[int, Organisation], users: dict[str, User],
                        organisations: dict[str, list[Organisation]]) -> list[dict]:
    """Refuse the rows that would give an organisation more delegates than it is entitled to.

    Delegates registered and not in the file stay; everyone in the file ends as the file says.
    Returns, per organisation involved, its entitlement and its delegates now and after.
    """
    in_file = {row.cells["email"].lower() for row in plan.rows}
    involved = {o.id: o for o in finals.values()}
    for row in plan.rows:
        user = users.get(row.cells["email"].lower())
        if user is not None and user.organisation is not None and Role.DELEGATE in user.roles:
            involved.setdefault(user.organisation_id, user.organisation)
    registered = {oid: services.delegates_of(oid) for oid in involved}
    staying = {oid: sum(1 for u in rows if u.email not in in_file)
               for oid, rows in registered.items()}
    after = dict(staying)
    for row in plan.rows:
        organisation = finals.get(row.line)
        if organisation is None:
            continue
        entitled = organisation.delegate_entitlement
        if after[organisation.id] >= entitled:
            earlier = after[organisation.id] - staying[organisation.id]
            row.refuse(f"{organisation.name} is entitled to {entitled} delegate(s) and already "
                       f"has {after[organisation.id]} ({staying[organisation.id]} registered, "
                       f"{earlier} on earlier lines of this file)")
            row.action = "error"
        after[organisation.id] += 1
    return [{"name": o.name, "entitled": o.delegate_entitlement, "now": len(registered[oid]),
             "after": after[oid]}
            for oid, o in sorted(involved.items(), key=lambda item: item[1].name.casefold())]


PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or copied


def new_password() -> str:
    """16 random characters in groups of four: about 79 bits."""
    letters = "".join(secrets.choice(PASSWORD_LETTERS) for _ in range(16))
    return "-".join(letters[i:i + 4] for i in range(0, 16, 4))


# A password people choose needs the slow default hash to resist guessing; these are random
# (about 79 bits), so a lighter scrypt keeps them out of reach of any offline guessing and lets
# hundreds of accounts be imported in seconds rather than a minute.
GENERATED_PASSWORD_HASH = "scrypt:4096:8:1"


def _hash(password: str) -> str:
    return generate_password_hash(password, method=GENERATED_PASSWORD_HASH)


def apply_accounts(conference: Conference, plan: Plan, source: str,
                   preview_id: str = "") -> tuple[list[dict], str]:
    """Store a plan without errors; returns the new accounts with their passwords, and a summary.

    The passwords are returned once and stored only as hashes.
    """
    assert not plan.errors, "a plan with errors is never applied"
    issued, updated, created = [], [], []
    for row in plan.rows:
        if row.action == "create":
            password = new_password()
            user = User(roles_text="", password_hash=_hash(password))
            created.append(user)
            organisation = (db.session.get(Organisation, row.data["organisation_id"])
                            if row.data["organisation_id"] else None)
            issued.append({"name": row.data["name"], "email": row.data["email"],
                           "organisation": organisation.name if organisation else "",
                           "password": password})
        elif row.action == "update":
            user = db.session.get(User, row.target_id)
            updated.append(row.data["email"])
        else:
            continue
        # The plan checked the entitlements of the file as a whole; one row at a time they can
        # pass through a state over the limit (a delegate moving from one group to another).
        services.save_user(user, row.data["name"], row.data["email"], row.data["roles"],
                           row.data["organisation_id"], None, check_entitlement=False)
    for organisation_id in {row.data["organisation_id"] for row in plan.rows} - {None}:
        organisation = db.session.get(Organisation, organisation_id)
        delegates = len(services.delegates_of(organisation_id))
        if delegates > organisation.delegate_entitlement:  # the plan prevents it; never store it
            raise RuleError(services.entitlement_message(
                organisation, organisation.delegate_entitlement, delegates), status=409)
    summary = (f"{len(issued)} created, {len(updated)} updated, {plan.count('unchanged')} "
               "unchanged")
    db.session.flush()  # the new accounts' ids, for the mark
    record("imported", "accounts", conference.id,
           f"from {source}: {summary}. Created: {', '.join(i['email'] for i in issued) or '-'}. "
           f"Updated: {', '.join(updated) or '-'}."
           f"{_done_mark(preview_id, [user.id for user in created])}")
    return issued, summary


# --- an import confirmed again (the passwords page reloaded) -----------------------------------

# The import's audit record ends with this mark: confirming the same preview again finds it, and
# the accounts it created.
DONE_MARK = re.compile(r" \(preview ([\w-]+); created ([\d ]*)\)$")


def _done_mark(preview_id: str, created: list[int]) -> str:
    if not preview_id:
        return ""
    return f" (preview {preview_id}; created {' '.join(str(i) for i in created)})"


@dataclass
class DoneImport:
    """An import already made from a preview: its record, and the accounts it created."""

    event: AuditEvent
    created: list[User]


def done_import(what: str, conference: Conference, preview: dict) -> DoneImport | None:
    preview_id = preview.get("id")
    if not preview_id:
        return None
    event = db.session.execute(
        db.select(AuditEvent)
        .filter_by(action="imported", subject=what, subject_id=conference.id)
        .where(AuditEvent.detail.contains(f" (preview {preview_id};", autoescape=True))
        .order_by(AuditEvent.id)
    ).scalars().first()
    if event is None:
        return None
    mark = DONE_MARK.search(event.detail)
    ids = [int(i) for i in mark[2].split()] if mark else []
    created = [user for user in (db.session.get(User, i) for i in ids) if user is not None]
    return DoneImport(event, created)


def logged_in_since(user: User, since) -> bool:
    """Whether the account has logged in since ``since`` (its password is in use)."""
    return db.session.execute(
        db.select(LoginSession.id).filter_by(user_id=user.id)
        .where(LoginSession.created_at >= since).limit(1)
    ).first() is not None


def sign_reset(conference: Conference, by: User, done: DoneImport) -> str:
    """The offer to set new passwords for the accounts an import created, once."""
    return _serializer("reset").dumps({
        "conference": conference.id, "by": by.id, "event": done.event.id,
        "users": [user.id for user in done.created], "id": secrets.token_urlsafe(9)})


def open_reset(conference: Conference, by: User, token: str) -> dict:
    try:
        data = _serializer("reset").loads(token or "", max_age=CONFIRM_WITHIN)
    except SignatureExpired:
        raise RuleError("This offer is more than an hour old: set new passwords from each "
                        "account's page, or reload the import's page.", status=400) from None
    except BadSignature:
        data = None
    if not data or data.get("conference") != conference.id or data.get("by") != by.id:
        raise RuleError("This offer of new passwords was not made here.", status=400)
    return data


def done_reset(conference: Conference, reset_id: str) -> AuditEvent | None:
    return db.session.execute(
        db.select(AuditEvent)
        .filter_by(action="passwords reset", subject="accounts", subject_id=conference.id)
        .where(AuditEvent.detail.contains(f" (offer {reset_id})", autoescape=True))
    ).scalars().first()


def reset_passwords(conference: Conference, users: list[User], import_event: AuditEvent,
                    reset_id: str) -> list[dict]:
    """New random passwords for accounts an import created (their old ones stop working, and
    so do their login sessions); returned once, stored only as hashes."""
    issued = []
    for user in users:
        password = new_password()
        user.password_hash = _hash(password)
        issued.append({"name": user.name, "email": user.email,
                       "organisation": user.organisation.name if user.organisation else "",
                       "password": password})
    record("passwords reset", "accounts", conference.id,
           f"New passwords for {', '.join(user.email for user in users)}, created by the import "
           f"of {import_event.at:%Y-%m-%d %H:%M} UTC (offer {reset_id})")
    return issued


# --- the confirmation and the passwords' download ----------------------------------------------


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"admin-import-{purpose}")


def sign_preview(what: str, conference: Conference, by: User, text: str, source: str,
                 plan: Plan) -> str:
    # "id" names this preview: its import's record carries it, so a second confirmation
    # (a reload of the passwords page) is known for what it is.
    return _serializer(what).dumps({"conference": conference.id, "by": by.id, "text": text,
                                    "source": source, "plan": plan.digest,
                                    "id": secrets.token_urlsafe(9)})


def open_preview(what: str, conference: Conference, by: User, token: str) -> dict:
    """The previewed text, source and plan digest, if this app signed them for this admin."""
    try:
        data = _serializer(what).loads(token or "", max_age=CONFIRM_WITHIN)
    except SignatureExpired:
        raise RuleError("This preview is more than an hour old: preview the file again.",
                        status=400) from None
    except BadSignature:
        data = None
    if not data or data.get("conference") != conference.id or data.get("by") != by.id:
        raise RuleError("This confirmation does not match a preview made here: preview the "
                        "file again.", status=400)
    return data


def sign_passwords(issued: list[dict]) -> str:
    return _serializer("passwords").dumps(issued)


def open_passwords(token: str) -> list[dict]:
    try:
        return _serializer("passwords").loads(token or "", max_age=PASSWORDS_WITHIN)
    except SignatureExpired:
        raise RuleError("These passwords can no longer be downloaded (after 30 minutes).",
                        status=410) from None
    except BadSignature:
        raise RuleError("This download was not issued here.", status=400) from None


def passwords_csv(issued: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "email", "organisation", "password"])
    for item in issued:
        writer.writerow([_cell(item["name"]), _cell(item["email"]), _cell(item["organisation"]),
                         item["password"]])
    return out.getvalue()


# An e-mail address may start with any of them too ("=1+2@example.org" is valid); passwords are
# made of letters and digits only (PASSWORD_LETTERS).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Spreadsheets run cells starting with = + - @ (or a tab or CR before one) as formulas:
    quote them as text."""
    return "'" + text if text[:1] in FORMULA_STARTS else text

"""The CAC's composites: drafting from motions, editing, coverage, publishing, versions, import.

The composite's content is the engine's :class:`compositing.Composite`; these functions read it
from its row, change it, and store it back as a new version. Source motions are known to the
engine by their submission id as a string, so renumbering motions never breaks provenance.
Services flush; the route commits once per request.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import compositing
from compositing import (
    ClauseCoverage,
    CommonGround,
    CompositeAmendment,
    CompositeSection,
    Condition,
    CoverageStatus,
    DraftComposite,
    GroupKind,
    Option,
    OptionGroup,
    Source,
    coverage,
    draft_composite,
    import_composite,
    unaccounted_clauses,
)
from compositing.clauses import split_clauses
from compositing.composite import infer_sources
from compositing.composite_import import CompositeImportError
from compositing.composite_io import composite_from_dict, composite_to_dict, composite_to_markdown
from motions import locks
from motions.composites.merge import Collision, merge
from motions.extensions import db
from motions.models import (
    Composite,
    CompositeStatus,
    CompositeVersion,
    Heading,
    IfCarried,
    IfLost,
    Submission,
    User,
)
from motions.models.base import utcnow
from motions.models.composites import dump
from motions.services import RuleError, record
from motions.submit import amendments

MAX_TEXT = 200_000  # characters of a whole composite's text, or of one pasted for import


# --- source motions ---------------------------------------------------------------------------


def key_of(motion: Submission) -> str:
    return str(motion.id)


def source_texts(composite: Composite) -> dict[str, str]:
    return {key_of(motion): motion.text for motion in composite.sources}


def source_names(motions: Iterable[Submission]) -> dict[str, str]:
    """Attribution as the order paper prints it: the submitter's name ("Dulwich Labour Left")."""
    return {key_of(motion): motion.submitted_by for motion in motions}


def possible_sources(heading: Heading) -> list[Submission]:
    """The heading's motions that may go into a composite: any not withdrawn."""
    return [motion for motion in heading.motions if not motion.is_withdrawn]


def chosen_sources(heading: Heading, ids: Iterable[int], at_least: int = 2) -> list[Submission]:
    wanted = set(ids)
    motions = [m for m in possible_sources(heading) if m.id in wanted]
    if len(motions) != len(wanted):
        raise RuleError("Choose motions of this heading that have not been withdrawn.")
    if len(motions) < at_least:
        raise RuleError(f"Choose at least {at_least} motions to composite.")
    return motions


# --- creating ---------------------------------------------------------------------------------


def build_draft(heading: Heading, motion_ids: Iterable[int], user: User, title: str) -> Composite:
    """A new draft composite of the chosen motions, as the engine proposes it."""
    motions = chosen_sources(heading, motion_ids)
    title = title.strip() or f"Composite: {heading.title}"
    draft = draft_composite({key_of(m): m.text for m in motions}, source_names(motions), title)
    labels = ", ".join(m.label for m in motions)
    return _create(heading, motions, user, draft.composite, "drafted",
                   f"Drafted by the engine from motions {labels}")


def import_published(heading: Heading, raw: str, motion_ids: Iterable[int], user: User,
                     title: str = "") -> Composite:
    """A draft read from a composite published as text; provenance found by alignment."""
    motions = chosen_sources(heading, motion_ids, at_least=1)
    if not raw.strip():
        raise RuleError("Paste the composite's text to import it.")
    if len(raw) > MAX_TEXT:
        raise RuleError(f"The text is {len(raw):,} characters long; the limit is {MAX_TEXT:,}.")
    try:
        content = import_composite(raw, title.strip() or None)
    except CompositeImportError as error:
        raise RuleError(f"The text could not be read as a composite: {error}") from None
    content = infer_sources(content, {key_of(m): m.text for m in motions},
                            names=source_names(motions))
    return _create(heading, motions, user, content, "imported", "Imported from its published text")


def _create(heading: Heading, motions: list[Submission], user: User,
            content: compositing.Composite, origin: str, note: str) -> Composite:
    composite = Composite(heading=heading, sources=motions, created_by=user, origin=origin,
                          status=CompositeStatus.DRAFT.value)
    composite.content = content
    _keep_version(composite, user, note)
    db.session.add(composite)
    db.session.flush()
    record("created", "composite", composite.id, note)
    return composite


def proposal(composite: Composite) -> DraftComposite:
    """The engine's proposal for the composite's motions as they stand: its evidence."""
    return draft_composite(source_texts(composite), source_names(composite.sources),
                           composite.title)


# --- saving -----------------------------------------------------------------------------------


def check_version(composite: Composite, loaded_version: int | None) -> None:
    if loaded_version != composite.version:
        last = composite.versions[-1]
        raise RuleError(
            f"The composite changed while you were working on it: {last.created_by.name} saved "
            f"version {last.number} at {last.created_at:%H:%M}"
            f"{' and it has been published since' if composite.is_published else ''}. Your "
            "changes were not saved: reload, look at the composite as it is now, and make your "
            "changes again.",
            status=409,
        )


class EditCollision(RuleError):
    """Someone saved a change to the same part meanwhile: the CAC member's typing is shown
    again beside their version, to compare and save deliberately."""

    def __init__(self, composite: Composite, where: str):
        last = composite.versions[-1]
        super().__init__(
            f"{last.created_by.name} saved version {last.number} at {last.created_at:%H:%M}, "
            f"changing {where} too. Your change was not saved: your typing is kept below, "
            "beside their version. Compare them, then save again to replace theirs.",
            status=409,
        )
        self.where = where
        self.last = last


def changed_content(composite: Composite, loaded_version: int | None, base_number: int | None,
                    change: Callable[[compositing.Composite], object]) -> compositing.Composite:
    """The composite's content with ``change`` made, as it would be stored.

    ``change`` is made on the version the form was filled from (its indices refer to it).
    When someone saved since, the two are merged if they touched different parts
    (:mod:`motions.composites.merge`); otherwise :class:`EditCollision`.
    """
    if loaded_version == composite.version:
        content = composite.content
        change(content)
        return content
    base = _saved_version(composite, base_number)
    if base is None:
        check_version(composite, loaded_version)  # refused as stale: nothing to merge from
    mine = base.content
    change(mine)
    try:
        merged = merge(composite_to_dict(base.content), composite_to_dict(mine),
                       json.loads(composite.data))
    except Collision as collision:
        raise EditCollision(composite, collision.where) from None
    return composite_from_dict(merged)


def _saved_version(composite: Composite, number: int | None) -> CompositeVersion | None:
    if number is None or not 1 <= number <= len(composite.versions):
        return None
    return composite.versions[number - 1]


def procedure_changed_since(composite: Composite, base_number: int) -> bool:
    """Whether a version after ``base_number`` changed the procedural motion. Its text is kept
    in each version; a version that kept the content as it was is a procedural motion's save
    too (it may have changed only what happens if it is carried or lost)."""
    versions = composite.versions
    for before, after in zip(versions[base_number - 1:], versions[base_number:], strict=False):
        if after.procedural_motion != before.procedural_motion or after.data == before.data:
            return True
    return False


def check_draft(composite: Composite) -> None:
    if composite.is_published:
        raise RuleError("This composite is published: return it to draft to change it.",
                        status=409)


def save(composite: Composite, content: compositing.Composite, user: User,
         loaded_version: int | None, note: str, *, published_ok: bool = False) -> None:
    """Store ``content`` as the composite's next version, if nobody saved one meanwhile."""
    check_version(composite, loaded_version)
    if not published_ok:
        check_draft(composite)
    if composite.is_published:
        locks.check_not_voting(composite.heading)
    data = dump(content)
    if len(composite_to_markdown(content)) > MAX_TEXT:
        raise RuleError(f"The composite would be longer than {MAX_TEXT:,} characters.")
    if data == composite.data:
        raise RuleError("Nothing changed: nothing was saved.", status=422)
    composite.content = content
    composite.updated_at = utcnow()
    _keep_version(composite, user, note)
    record("edited", "composite", composite.id, note[:300])


def _keep_version(composite: Composite, user: User, note: str) -> None:
    """The composite's state as it now stands, kept for ever as its next version."""
    composite.versions.append(CompositeVersion(
        number=len(composite.versions) + 1, data=composite.data,
        procedural_motion=composite.procedural_motion or "", note=note[:300], created_by=user,
    ))


# --- editing the content (pure changes of the engine composite) --------------------------------


def section_at(content: compositing.Composite, index: int) -> CompositeSection:
    if not 0 <= index < len(content.sections):
        raise LookupError(f"no section {index}")
    return content.sections[index]


def group_at(section: CompositeSection, index: int) -> OptionGroup:
    if not 0 <= index < len(section.groups):
        raise LookupError(f"no group {index}")
    return section.groups[index]


def update_details(content: compositing.Composite, title: str, preamble: str) -> None:
    if not title.strip():
        raise RuleError("A composite needs a title.")
    content.title = title.strip()
    content.preamble = preamble.strip()


def update_section(section: CompositeSection, number: str, title: str, common_number: str,
                   common_text: str) -> None:
    """Section number and title, and its common ground (kept while it has text or amendments)."""
    if not number.strip() or not title.strip():
        raise RuleError("A section needs a number and a title.")
    section.number, section.title = number.strip(), title.strip()
    text = common_text.strip()
    common = section.common_ground
    if common is None and text:
        common = section.common_ground = CommonGround(f"{section.number}.1", "")
    if common is not None:
        common.number = common_number.strip() or f"{section.number}.1"
        common.text = text
        if not text and not common.amendments and not common.sources:
            section.common_ground = None


def add_section(content: compositing.Composite, number: str, title: str) -> None:
    if not number.strip() or not title.strip():
        raise RuleError("A section needs a number and a title.")
    if any(s.number == number.strip() for s in content.sections):
        raise RuleError(f"There is a section {number.strip()} already.")
    content.sections.append(CompositeSection(number.strip(), title.strip()))


def remove_section(content: compositing.Composite, index: int) -> CompositeSection:
    section = section_at(content, index)
    content.sections.remove(section)
    return section


def next_group_number(section: CompositeSection) -> str:
    used = {group.number for group in section.groups}
    if section.common_ground:
        used.add(section.common_ground.number)
    n = 1
    while f"{section.number}.{n}" in used:
        n += 1
    return f"{section.number}.{n}"


def add_amendment(section: CompositeSection, mover: str, instruction: str,
                  supporting_text: str = "") -> CompositeAmendment:
    common = section.common_ground
    if common is None:
        raise RuleError("This section has no common ground to amend.")
    if not mover.strip():
        raise RuleError("Name the mover of the amendment.")
    if not instruction.strip():
        raise RuleError("The amendment has no instructions.")
    amendment = CompositeAmendment(mover.strip(), instruction.strip(), supporting_text.strip())
    common.amendments.append(amendment)
    return amendment


def remove_amendment(section: CompositeSection, index: int) -> CompositeAmendment:
    common = section.common_ground
    if common is None or not 0 <= index < len(common.amendments):
        raise LookupError(f"no amendment {index}")
    return common.amendments.pop(index)


def amendable_text(section: CompositeSection) -> str:
    """What an amendment to the section's common ground acts on: its title and common ground.

    The title is part of it because real amendments name it ("Amend section 1 as follows:
    Delete 'Aims' and replace with 'Principles'"); the order paper numbers lines from it.
    """
    common = section.common_ground.text if section.common_ground else ""
    return f"## {section.number}) {section.title}\n\n{common}".rstrip() + "\n"


def amendment_effect(section: CompositeSection, amendment: CompositeAmendment):
    return amendments.effect(amendable_text(section), amendment.instruction)


def section_by_number(content: compositing.Composite,
                      number: str | None) -> CompositeSection | None:
    return next((s for s in content.sections if s.number == number), None)


def submitted_in_order(composite: Composite) -> list[Submission]:
    """Amendments submitters sent to the composite that the CAC ruled in order, not withdrawn."""
    return [a for a in composite.submitted_amendments if a.is_in_order and not a.is_withdrawn]


def order_paper_content(composite: Composite) -> compositing.Composite:
    """The composite as the order paper prints it and the chair takes it: each section's
    common ground carries the CAC's amendments, then those submitters sent that the CAC ruled
    in order, in the order they were submitted, attributed to their submitter.

    The submitted amendments stay submissions (their text, versions and ruling have one home);
    they are added here, at reading time, never stored into the composite's JSON. A ruling,
    an edit or a withdrawal therefore shows at once on every screen and paper; a vote already
    started keeps the order paper it started with. One whose section is no longer in the
    composite (renumbered in a draft) is left out: the CAC's heading page flags it.
    """
    content = composite.content
    for amendment in submitted_in_order(composite):
        section = section_by_number(content, amendment.section)
        if section is None or section.common_ground is None:
            continue
        section.common_ground.amendments.append(
            CompositeAmendment(amendment.submitted_by, amendment.text))
    return content


# --- coverage ---------------------------------------------------------------------------------


@dataclass
class MotionCoverage:
    motion: Submission
    clauses: list[ClauseCoverage]

    @property
    def unaccounted(self) -> list[ClauseCoverage]:
        return [c for c in self.clauses if not c.accounted]

    def count(self, status: CoverageStatus) -> int:
        return sum(1 for c in self.clauses if c.status is status)


def coverage_by_motion(composite: Composite,
                       content: compositing.Composite | None = None) -> list[MotionCoverage]:
    items = coverage(content or composite.content, source_texts(composite))
    return [
        MotionCoverage(motion, [c for c in items if c.clause.motion == key_of(motion)])
        for motion in composite.sources
    ]


def clause_exists(composite: Composite, key: str, index: int) -> bool:
    texts = source_texts(composite)
    if key not in texts:
        return False
    return any(clause.index == index for clause in split_clauses(key, texts[key]))


def leave_out(content: compositing.Composite, key: str, index: int, reason: str) -> None:
    if not reason.strip():
        raise RuleError("Give the CAC's reason for leaving the clause out.")
    content.left_out[(key, index)] = reason.strip()[:1000]


def put_back(content: compositing.Composite, key: str, index: int) -> None:
    content.left_out.pop((key, index), None)


def leave_out_rest(composite: Composite, content: compositing.Composite, key: str | None,
                   reason: str) -> int:
    """Leave out every clause still unaccounted (of one motion, or of all), with one reason."""
    if not reason.strip():
        raise RuleError("Give the CAC's reason for leaving these clauses out.")
    texts = source_texts(composite)
    if key is not None:
        texts = {key: texts[key]}
    missing = unaccounted_clauses(content, texts)
    for item in missing:
        content.left_out[item.clause.ref] = reason.strip()[:1000]
    return len(missing)


# --- procedural motion, publishing ----------------------------------------------------------


def set_procedure(composite: Composite, user: User, loaded_version: int | None, text: str,
                  if_carried: IfCarried, if_lost: IfLost, base_number: int | None = None) -> None:
    """Attach the CAC's procedural motion; kept as a version like any change. Made on an older
    version, it stands if nobody changed the procedural motion since (see
    :func:`changed_content` for the composite's other parts)."""
    if loaded_version != composite.version:
        if _saved_version(composite, base_number) is None:
            check_version(composite, loaded_version)
        if procedure_changed_since(composite, base_number):
            raise EditCollision(composite, "the procedural motion")
    check_draft(composite)
    if len(text) > MAX_TEXT:
        raise RuleError(f"The procedural motion is longer than {MAX_TEXT:,} characters.")
    note = _procedure_note(composite, text.strip(), if_carried, if_lost)
    composite.procedural_motion = text.strip()
    composite.if_carried = if_carried.value
    composite.if_lost = if_lost.value
    composite.updated_at = utcnow()
    _keep_version(composite, user, note)
    record("edited", "composite", composite.id, "procedural motion")


def _procedure_note(composite: Composite, text: str, if_carried: IfCarried,
                    if_lost: IfLost) -> str:
    """The version's note says what changed: only the text is kept in each version, so a
    change of what happens if it is carried or lost is told here."""
    if text != composite.procedural_motion:
        if not text:
            return "Procedural motion removed"
        return "Procedural motion " + ("edited" if composite.procedural_motion else "attached")
    changed = []
    if if_carried.value != composite.if_carried:
        changed.append(f"if carried: {if_carried.label}")
    if if_lost.value != composite.if_lost:
        changed.append(f"if lost: {if_lost.label}")
    if not changed:
        raise RuleError("Nothing changed: nothing was saved.", status=422)
    return "What the procedural motion does changed — " + "; ".join(changed)


def publish(composite: Composite, user: User, loaded_version: int | None,
            as_proposed: bool = False) -> None:
    """Publish it for delegates, if it can be published (see :func:`check_publishable`)."""
    check_version(composite, loaded_version)
    # Two publishings under one heading at once: the second waits here, then sees the first.
    db.session.execute(db.select(Heading.id).where(Heading.id == composite.heading_id)
                       .with_for_update())
    check_publishable(composite, as_proposed)
    composite.status = CompositeStatus.PUBLISHED.value
    composite.published_at = utcnow()
    composite.published_by = user
    record("published", "composite", composite.id,
           composite.title + (" (the engine's proposal as it stands)" if as_proposed and
                              is_untouched(composite) else ""))


def is_untouched(composite: Composite) -> bool:
    """Drafted by the engine, and its printed text is still exactly the engine's proposal."""
    return composite.origin == "drafted" and _printed_text(composite.content) == \
        _printed_text(composite.versions[0].content)


def _printed_text(content: compositing.Composite) -> str:
    return composite_to_markdown(content)


def published_overlapping(composite: Composite) -> Composite | None:
    """Another composite of the heading, already published, of any of the same motions."""
    mine = {motion.id for motion in composite.sources}
    for other in published_composites(composite.heading):
        if other.id != composite.id and mine & {motion.id for motion in other.sources}:
            return other
    return None


def check_publishable(composite: Composite, as_proposed: bool = False) -> None:
    """Refuse, saying why, what delegates should not be given as the order paper."""
    if composite.is_published:
        raise RuleError("This composite is already published.", status=409)
    locks.check_not_voting(composite.heading)
    other = published_overlapping(composite)
    if other is not None:
        shared = ", ".join(m.label for m in other.sources if m in composite.sources)
        zone = composite.heading.conference.zone
        raise RuleError(
            f"Not published: ‘{other.title}’ is already published under this heading "
            f"({other.published_at.astimezone(zone):%d %B at %H:%M} by "
            f"{other.published_by.name}) and composites motion{'s' if ',' in shared else ''} "
            f"{shared} too. Delegates would have two composites of the same motions: return "
            "that one to draft first, or choose other motions.",
            status=409,
        )
    content = composite.content
    missing = unaccounted_clauses(content, source_texts(composite))
    if missing:
        labels = {key_of(m): m.label for m in composite.sources}
        listed = "; ".join(
            f"motion {labels[c.clause.motion]} clause {c.clause.index + 1} "
            f"(“{_short(c.clause.text)}”)" for c in missing[:10]
        )
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise RuleError(
            f"Not published: {len(missing)} source clause{'s are' if len(missing) > 1 else ' is'}"
            f" unaccounted for — {listed}{more}. Place each in the composite or leave it out "
            "with a reason (see Coverage).",
            status=409,
        )
    problems = content.problems()
    if problems:
        raise RuleError("Not published: the order paper would be ambiguous — "
                        + "; ".join(problems) + ".", status=409)
    if is_untouched(composite) and not as_proposed:
        raise RuleError(
            "Not published: this is still the engine's proposal, untouched. Check its common "
            "ground and options against the motions (see the engine's proposal and the "
            "coverage), edit what needs it, or say that the CAC publishes it as it stands.",
            status=409,
        )


def unpublish(composite: Composite, user: User, loaded_version: int | None) -> None:
    check_version(composite, loaded_version)
    if not composite.is_published:
        raise RuleError("This composite is not published.", status=409)
    locks.check_not_voting(composite.heading)
    composite.status = CompositeStatus.DRAFT.value
    composite.published_at = None
    composite.published_by = None
    record("unpublished", "composite", composite.id, composite.title)


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# --- reading ----------------------------------------------------------------------------------


def published_composites(heading: Heading) -> list[Composite]:
    return db.session.execute(
        db.select(Composite).where(Composite.heading_id == heading.id,
                                   Composite.status == CompositeStatus.PUBLISHED.value)
        .order_by(Composite.id)
    ).scalars().all()


def all_composites(heading: Heading) -> list[Composite]:
    return db.session.execute(
        db.select(Composite).where(Composite.heading_id == heading.id).order_by(Composite.id)
    ).scalars().all()


# --- option groups from what the CAC typed ------------------------------------------------------


@dataclass
class OptionInput:
    """One option row of the group form; ``origin`` is its index in the loaded version."""

    label: str
    text: str
    attribution: str = ""
    origin: int | None = None
    remove: bool = False
    sub_options: list[OptionInput] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not (self.label.strip() or self.text.strip() or self.attribution.strip()
                    or any(not sub.is_blank and not sub.remove for sub in self.sub_options))


@dataclass
class GroupInput:
    number: str
    title: str
    kind: str
    intro: str = ""
    condition_group: str = ""
    condition_options: str = ""
    options: list[OptionInput] = field(default_factory=list)


def group_from_input(typed: GroupInput, previous: OptionGroup | None = None) -> OptionGroup:
    """The option group the CAC typed, keeping the provenance of options it already had."""
    try:
        kind = GroupKind(typed.kind)
    except ValueError:
        raise RuleError(f"Unknown kind of option group: {typed.kind!r}.") from None
    if not typed.number.strip():
        raise RuleError("An option group needs a number, e.g. 2.2.")
    where = f"Option group {typed.number.strip()}"
    old = previous.options if previous else []
    options = _options_from_input(typed.options, old, where)
    if not options:
        raise RuleError(f"{where} needs at least one option with a label and text.")
    return OptionGroup(
        number=typed.number.strip(),
        title=typed.title.strip() or "Differences",
        kind=kind,
        options=options,
        intro=typed.intro.strip(),
        condition=_condition_from_input(typed, where),
    )


def _options_from_input(rows: list[OptionInput], old: list[Option], where: str) -> list[Option]:
    options: list[Option] = []
    for n, row in enumerate(rows, start=1):
        if row.remove or row.is_blank:
            continue
        label = row.label.strip()
        if not label:
            raise RuleError(f"{where}: option {n} has no label (A, B, … or 1, 2, …).")
        earlier = old[row.origin] if row.origin is not None and row.origin < len(old) else None
        subs = _options_from_input(row.sub_options, earlier.sub_options if earlier else [],
                                   f"{where}, option {label}")
        if not row.text.strip() and not subs:
            raise RuleError(f"{where}: option {label} has no text.")
        options.append(Option(
            label=label,
            text=row.text.strip(),
            attribution=[name.strip() for name in row.attribution.split(",") if name.strip()],
            sources=list(earlier.sources) if earlier else [],
            sub_options=subs,
        ))
    labels = [option.label for option in options]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise RuleError(f"{where}: option {', '.join(repeated)} appears more than once.")
    return options


def _condition_from_input(typed: GroupInput, where: str) -> Condition | None:
    group = typed.condition_group.strip()
    labels = [label.strip() for label in typed.condition_options.replace(" or ", ",").split(",")
              if label.strip()]
    if not group and not labels:
        return None
    if not group or not labels:
        raise RuleError(f"{where}: a condition needs both the group and its options, "
                        "e.g. 3.2 and A, E.")
    return Condition(group, labels)


def group_to_input(group: OptionGroup) -> GroupInput:
    return GroupInput(
        number=group.number, title=group.title, kind=group.kind.value, intro=group.intro,
        condition_group=group.condition.group if group.condition else "",
        condition_options=", ".join(group.condition.options) if group.condition else "",
        options=[_option_to_input(option, n) for n, option in enumerate(group.options)],
    )


def _option_to_input(option: Option, origin: int) -> OptionInput:
    return OptionInput(
        label=option.label, text=option.text, attribution=", ".join(option.attribution),
        origin=origin,
        sub_options=[_option_to_input(sub, n) for n, sub in enumerate(option.sub_options)],
    )


# --- placing a source clause the composite does not account for -------------------------------


def placements(content: compositing.Composite) -> list[tuple[str, str]]:
    """Where an unaccounted clause can go: (target, label) for the coverage page."""
    targets: list[tuple[str, str]] = []
    for s, section in enumerate(content.sections):
        number = section.common_ground.number if section.common_ground else f"{section.number}.1"
        targets.append((f"common:{s}", f"the common ground {number} ({section.title})"))
        for g, group in enumerate(section.groups):
            targets.append((f"group:{s}:{g}", f"a new option of {group.number} ({group.title})"))
    return targets


def place_clause(composite: Composite, content: compositing.Composite, key: str, index: int,
                 target: str) -> str:
    """Put a source clause, as worded in its motion, where the CAC says; returns where."""
    motion = next((m for m in composite.sources if key_of(m) == key), None)
    clause = next((c for c in split_clauses(key, motion.text) if c.index == index), None) \
        if motion else None
    if clause is None:
        raise LookupError(f"no clause {index} of {key}")
    kind, _, where = target.partition(":")
    try:
        numbers = [int(n) for n in where.split(":")]
        if kind == "common" and len(numbers) == 1:
            section = section_at(content, numbers[0])
            common = section.common_ground
            if common is None:
                common = section.common_ground = CommonGround(f"{section.number}.1", "")
            common.text = f"{common.text}\n\n{clause.text}".strip()
            common.sources.append(Source(key, index, clause.text))
            content.left_out.pop(clause.ref, None)
            return f"common ground {common.number}"
        if kind == "group" and len(numbers) == 2:
            group = group_at(section_at(content, numbers[0]), numbers[1])
            label = _next_label([option.label for option in group.options])
            group.options.append(Option(label, clause.text, [motion.submitted_by],
                                        [Source(key, index)]))
            content.left_out.pop(clause.ref, None)
            return f"Option {label} of {group.number}"
    except (ValueError, LookupError):
        pass
    raise RuleError("Choose where in the composite to place the clause.")


def _next_label(labels: list[str]) -> str:
    """After A, B: C; after 1, 2: 3 — the labelling the group already uses."""
    if labels and all(label.isdigit() for label in labels):
        return str(max(int(label) for label in labels) + 1)
    letters = [label for label in labels if len(label) == 1 and label.isalpha()]
    if not letters:
        return "A"
    following = chr(ord(max(letters).upper()) + 1)
    return following if following <= "Z" else f"{max(letters).upper()}{len(labels) + 1}"

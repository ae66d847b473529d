"""The order paper as plain data: what the procedure engine is given.

One :class:`OrderPaper` per agenda heading. It may hold:

- plain motions, each with its amendments (instructions in the UK style);
- a CAC composite: sections, each with common ground, amendments to that common ground, and
  option groups (against each other with "Neither", against each other without, or each
  option for or against), some of them conditional on an earlier group's result;
- a procedural motion that, if carried, takes the composite and supersedes the original
  motions it names; if lost, those originals are taken instead: all their amendments first,
  then the motions as amended against each other.

Keys are what the record and a replay file use to name things, so they must be unique.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from procedure.ballots import NEITHER
from procedure.rules import DEFAULT_RULE, Rule


class OrderPaperError(ValueError):
    """An order paper the engine cannot run: duplicate keys, a condition on a later group..."""


class GroupKind(StrEnum):
    AGAINST_EACH_OTHER_WITH_NEITHER = "against_each_other_with_neither"
    AGAINST_EACH_OTHER = "against_each_other"
    FOR_OR_AGAINST_EACH = "for_or_against_each"


PROCEDURAL_NOTES = {
    GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER: (
        "They will be taken against each other as they are incompatible, "
        "with an additional option of 'Neither'."
    ),
    GroupKind.AGAINST_EACH_OTHER: (
        "They will be taken against each other as they are incompatible."
    ),
    GroupKind.FOR_OR_AGAINST_EACH: "Vote for or against each option.",
}


@dataclass(frozen=True)
class Amendment:
    key: str
    mover: str
    instruction: str
    rule: Rule | None = None
    # Amendments to this amendment's wording: taken before it, each for or against; the
    # amendment is then put as they amended it.
    amendments: tuple[Amendment, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.key} ({self.mover})" if self.mover else self.key

    def with_sub_amendments(self) -> list[Amendment]:
        """This amendment and the amendments to it, at every depth."""
        found = [self]
        for amendment in self.amendments:
            found.extend(amendment.with_sub_amendments())
        return found


@dataclass(frozen=True)
class Option:
    key: str
    # The Markdown that enters the agreed text if the option is agreed (attribution apart).
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Condition:
    """Holds when the named group agreed one of the named options."""

    group: str
    options: tuple[str, ...]

    def describe(self) -> str:
        return f"Option {' or '.join(self.options)} of {self.group} agreed"


@dataclass(frozen=True)
class OptionGroup:
    key: str
    title: str
    kind: GroupKind
    options: tuple[Option, ...]
    condition: Condition | None = None
    # Shared lead-in shown on the order paper ("Our aims should also spell out..."); never
    # part of the agreed text.
    preamble: str = ""
    # False for decisions that are not constitution text (e.g. when to hold elections):
    # they appear in the record only.
    enters_text: bool = True
    rule: Rule | None = None

    @property
    def choices(self) -> tuple[str, ...]:
        keys = tuple(option.key for option in self.options)
        if self.kind is GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER:
            return (*keys, NEITHER)
        return keys

    @property
    def procedural_note(self) -> str:
        return PROCEDURAL_NOTES[self.kind]

    def option(self, key: str) -> Option:
        for option in self.options:
            if option.key == key:
                return option
        raise OrderPaperError(f"group {self.key} has no option {key!r}")


@dataclass(frozen=True)
class Section:
    key: str
    # As printed, e.g. "1) Aims"; amendments may change it ("Delete 'Aims' and replace...").
    heading: str
    common_ground: str
    amendments: tuple[Amendment, ...] = ()
    groups: tuple[OptionGroup, ...] = ()


@dataclass(frozen=True)
class Composite:
    key: str
    title: str
    sections: tuple[Section, ...]
    ratification_rule: Rule | None = None


@dataclass(frozen=True)
class Motion:
    key: str
    title: str
    text: str
    amendments: tuple[Amendment, ...] = ()
    rule: Rule | None = None


@dataclass(frozen=True)
class ProceduralMotion:
    key: str
    title: str
    text: str
    # Keys of the original motions the composite replaces if this motion is carried.
    supersedes: tuple[str, ...]
    rule: Rule | None = None
    # Rule for the originals against each other when this motion is lost.
    against_each_other_rule: Rule | None = None


@dataclass(frozen=True)
class OrderPaper:
    heading: str
    motions: tuple[Motion, ...] = ()
    composite: Composite | None = None
    procedural_motion: ProceduralMotion | None = None
    default_rule: Rule = field(default=DEFAULT_RULE)

    def __post_init__(self) -> None:
        validate(self)

    def amendment_to(self, key: str) -> tuple[Amendment, Amendment] | None:
        """(the amendment it amends, the amendment) for an amendment to an amendment."""
        texts = [m.amendments for m in self.motions]
        if self.composite is not None:
            texts.extend(section.amendments for section in self.composite.sections)
        for amendments in texts:
            for amendment in amendments:
                for parent in amendment.with_sub_amendments():
                    for child in parent.amendments:
                        if child.key == key:
                            return parent, child
        return None

    def motion(self, key: str) -> Motion:
        for motion in self.motions:
            if motion.key == key:
                return motion
        raise OrderPaperError(f"no motion {key!r} on the order paper for {self.heading!r}")


def _all_keys(paper: OrderPaper) -> list[str]:
    keys: list[str] = []
    if paper.procedural_motion:
        keys.append(paper.procedural_motion.key)
    for motion in paper.motions:
        keys.append(motion.key)
        keys.extend(
            a.key for amendment in motion.amendments for a in amendment.with_sub_amendments()
        )
    if paper.composite:
        keys.append(paper.composite.key)
        for section in paper.composite.sections:
            keys.append(section.key)
            keys.extend(
                a.key for amendment in section.amendments for a in amendment.with_sub_amendments()
            )
            keys.extend(group.key for group in section.groups)
    return keys


def _validate_groups(composite: Composite) -> None:
    seen: dict[str, OptionGroup] = {}
    for section in composite.sections:
        for group in section.groups:
            option_keys = [option.key for option in group.options]
            if len(set(option_keys)) != len(option_keys) or NEITHER in option_keys:
                raise OrderPaperError(
                    f"group {group.key}: option keys must be unique: {option_keys}"
                )
            if not group.options:
                raise OrderPaperError(f"group {group.key} has no options")
            if group.kind is GroupKind.AGAINST_EACH_OTHER and len(group.options) < 2:
                raise OrderPaperError(f"group {group.key}: one option cannot be against another")
            if group.condition is not None:
                # The condition must be decidable when the group comes up: its group comes first.
                earlier = seen.get(group.condition.group)
                if earlier is None:
                    raise OrderPaperError(
                        f"group {group.key} depends on {group.condition.group}, "
                        "which is not an earlier group on the order paper"
                    )
                for key in group.condition.options:
                    earlier.option(key)
            seen[group.key] = group


def validate(paper: OrderPaper) -> None:
    keys = _all_keys(paper)
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise OrderPaperError(f"keys used more than once on the order paper: {duplicates}")
    if paper.procedural_motion is not None:
        if paper.composite is None:
            raise OrderPaperError("a procedural motion needs the composite it brings forward")
        for key in paper.procedural_motion.supersedes:
            paper.motion(key)
    if paper.composite is not None:
        _validate_groups(paper.composite)

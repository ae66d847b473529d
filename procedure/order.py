"""The order of business, derived from the order paper — never typed.

- A procedural motion is taken first; its result re-routes what follows. If carried: each
  composite section in turn (amendments to its common ground, then its option groups, each
  conditional group where the order paper puts it), then the whole document for ratification;
  the original motions it supersedes, and their amendments, are skipped. If lost: the composite
  is skipped; all amendments to the originals are taken, then the originals as amended against
  each other.
- A plain motion: its amendments in order-paper order, then the substantive motion.

Until the procedural motion is decided, :func:`plan` lists only what is certain; :func:`routes`
gives both possible continuations for display.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from procedure.ballots import Ballot
from procedure.model import (
    Amendment,
    Composite,
    Condition,
    GroupKind,
    Motion,
    Option,
    OptionGroup,
    OrderPaper,
    OrderPaperError,
    ProceduralMotion,
    Section,
)
from procedure.rules import Rule


class ItemKind(StrEnum):
    PROCEDURAL_MOTION = "procedural_motion"
    AMENDMENT = "amendment"
    OPTION_GROUP = "option_group"
    OPTION = "option"  # one option of a group whose options are each voted for or against
    RATIFICATION = "ratification"
    MOTION = "motion"  # a substantive motion, as amended
    MOTIONS_AGAINST_EACH_OTHER = "motions_against_each_other"


@dataclass(frozen=True)
class Item:
    """One thing the chair puts to the hall (or passes over, with the reason)."""

    key: str
    kind: ItemKind
    ballot: Ballot
    rule: Rule
    # What an amendment acts on: a section key or a motion key.
    target: str | None = None
    amendment: Amendment | None = None
    group: OptionGroup | None = None
    option: Option | None = None
    condition: Condition | None = None
    # Set when the procedural motion's result means this item is not taken at all.
    superseded: str | None = None

    @property
    def title(self) -> str:
        return self.ballot.question


def _rule(paper: OrderPaper, specific: Rule | None) -> Rule:
    return specific if specific is not None else paper.default_rule


def procedural_item(paper: OrderPaper, motion: ProceduralMotion) -> Item:
    return Item(
        key=motion.key,
        kind=ItemKind.PROCEDURAL_MOTION,
        ballot=Ballot.for_against(f"Procedural motion: {motion.title}"),
        rule=_rule(paper, motion.rule),
    )


def amendment_items(paper: OrderPaper, amendment: Amendment, target: str, where: str) -> list[Item]:
    """The amendments to an amendment first (each on its wording), then the amendment, as
    they amended it."""
    items: list[Item] = []
    for sub in amendment.amendments:
        items.extend(amendment_items(paper, sub, amendment.key, f"amendment {amendment.key}"))
    as_amended = ", as amended," if amendment.amendments else ""
    items.append(
        Item(
            key=amendment.key,
            kind=ItemKind.AMENDMENT,
            ballot=Ballot.for_against(f"Amendment {amendment.label}{as_amended} to {where}"),
            rule=_rule(paper, amendment.rule),
            target=target,
            amendment=amendment,
        )
    )
    return items


def option_key(group: OptionGroup, option: Option) -> str:
    return f"{group.key}/{option.key}"


def group_items(paper: OrderPaper, group: OptionGroup) -> list[Item]:
    rule = _rule(paper, group.rule)
    if group.kind is GroupKind.FOR_OR_AGAINST_EACH:
        return [
            Item(
                key=option_key(group, option),
                kind=ItemKind.OPTION,
                ballot=Ballot.for_against(
                    f"{group.key} {group.title}: Option {option.key}"
                    + (f" [{option.attribution}]" if option.attribution else "")
                    + ", for or against"
                ),
                rule=rule,
                group=group,
                option=option,
                condition=group.condition,
            )
            for option in group.options
        ]
    listed = ", ".join(f"Option {option.key}" for option in group.options)
    neither = " or Neither" if group.kind is GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER else ""
    question = f"{group.key} {group.title}: {listed}{neither}, against each other"
    return [
        Item(
            key=group.key,
            kind=ItemKind.OPTION_GROUP,
            ballot=Ballot.options(question, group.choices),
            rule=rule,
            group=group,
            condition=group.condition,
        )
    ]


def ratification_key(composite: Composite) -> str:
    return f"{composite.key}/ratification"


def section_items(paper: OrderPaper, section: Section) -> list[Item]:
    items = [
        item
        for amendment in section.amendments
        for item in amendment_items(paper, amendment, section.key, f"section {section.heading}")
    ]
    for group in section.groups:
        items.extend(group_items(paper, group))
    return items


def composite_items(paper: OrderPaper, composite: Composite) -> list[Item]:
    items: list[Item] = []
    for section in composite.sections:
        items.extend(section_items(paper, section))
    items.append(
        Item(
            key=ratification_key(composite),
            kind=ItemKind.RATIFICATION,
            ballot=Ballot.for_against(f"Ratify {composite.title}, with the options agreed"),
            rule=_rule(paper, composite.ratification_rule),
        )
    )
    return items


def motion_amendment_items(paper: OrderPaper, motion: Motion) -> list[Item]:
    where = f"motion {motion.key} ({motion.title})"
    return [
        item
        for amendment in motion.amendments
        for item in amendment_items(paper, amendment, motion.key, where)
    ]


def substantive_item(paper: OrderPaper, motion: Motion) -> Item:
    as_amended = ", as amended" if motion.amendments else ""
    return Item(
        key=motion.key,
        kind=ItemKind.MOTION,
        ballot=Ballot.for_against(f"Motion {motion.key} ({motion.title}){as_amended}"),
        rule=_rule(paper, motion.rule),
    )


def against_each_other_key(motion: ProceduralMotion) -> str:
    return f"{motion.key}/originals"


def against_each_other_item(paper: OrderPaper, procedural: ProceduralMotion) -> Item:
    originals = [paper.motion(key) for key in procedural.supersedes]
    listed = ", ".join(f"{motion.key} ({motion.title})" for motion in originals)
    return Item(
        key=against_each_other_key(procedural),
        kind=ItemKind.MOTIONS_AGAINST_EACH_OTHER,
        ballot=Ballot.options(
            f"The original motions, as amended, against each other: {listed}",
            [motion.key for motion in originals],
        ),
        rule=_rule(paper, procedural.against_each_other_rule),
    )


def _passed_over(items: list[Item], reason: str) -> list[Item]:
    return [replace(item, superseded=reason) for item in items]


def plan(paper: OrderPaper, procedural_carried: bool | None = None) -> tuple[Item, ...]:
    """Items in the order they are taken. ``procedural_carried`` is the procedural motion's
    result (None while undecided, when only the procedural motion itself is certain)."""
    procedural = paper.procedural_motion
    items: list[Item] = []
    if procedural is None:
        if paper.composite is not None:
            items.extend(composite_items(paper, paper.composite))
        for motion in paper.motions:
            items.extend(motion_amendment_items(paper, motion))
            items.append(substantive_item(paper, motion))
        return _checked(tuple(items))

    assert paper.composite is not None  # the order paper's validation guarantees it
    items.append(procedural_item(paper, procedural))
    if procedural_carried is None:
        return tuple(items)
    originals = [paper.motion(key) for key in procedural.supersedes]
    others = [motion for motion in paper.motions if motion.key not in procedural.supersedes]
    if procedural_carried:
        superseded: list[Item] = []
        for motion in originals:
            superseded.extend(motion_amendment_items(paper, motion))
            superseded.append(substantive_item(paper, motion))
        items.extend(
            _passed_over(superseded, f"superseded: procedural motion {procedural.key} carried")
        )
        items.extend(composite_items(paper, paper.composite))
    else:
        items.extend(
            _passed_over(
                composite_items(paper, paper.composite),
                f"not taken: procedural motion {procedural.key} was not carried",
            )
        )
        for motion in originals:
            items.extend(motion_amendment_items(paper, motion))
        items.append(against_each_other_item(paper, procedural))
    for motion in others:
        items.extend(motion_amendment_items(paper, motion))
        items.append(substantive_item(paper, motion))
    return _checked(tuple(items))


def _checked(items: tuple[Item, ...]) -> tuple[Item, ...]:
    # Option items get derived keys ("1.2/A"); they must not collide with keys on the paper.
    keys = [item.key for item in items]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise OrderPaperError(f"items share keys in the order of business: {duplicates}")
    return items


def routes(paper: OrderPaper) -> dict[str, tuple[Item, ...]]:
    """Both continuations after the procedural motion, for the order paper and the chair."""
    if paper.procedural_motion is None:
        return {"only": plan(paper)}
    return {"carried": plan(paper, True), "lost": plan(paper, False)}

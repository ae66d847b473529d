"""Turn a composite built with the compositing engine into the procedure engine's order paper.

The CAC builds a :class:`compositing.Composite` (sections, common ground with amendments, option
groups, sub-options, conditions); the chair runs it with :class:`procedure.Session`. This is the
one place that knows both shapes, so the web layer does not have to.

Keys: sections keep their number ("1"), groups their number ("3.2"); an option that only heads
sub-options (Option A of the LLA's 1.2) is voted as its sub-options, keyed "A.1", "A.2" by the
sub-option's position; amendments to common ground are keyed "<common ground number>/<n>"
("1.1/1"), counting from 1 in order-paper order.
"""

from __future__ import annotations

from collections.abc import Collection

import compositing
from procedure.model import Amendment, Composite, Condition, GroupKind, Option, OptionGroup, Section
from procedure.rules import Rule


def _options(group: compositing.OptionGroup) -> tuple[Option, ...]:
    options: list[Option] = []
    for top in group.options:
        if top.sub_options:
            for position, sub in enumerate(top.sub_options, start=1):
                options.append(
                    Option(f"{top.label}.{position}", sub.text, ", ".join(sub.attribution))
                )
        else:
            options.append(Option(top.label, top.text, ", ".join(top.attribution)))
    return tuple(options)


def _group(group: compositing.OptionGroup, record_only: Collection[str]) -> OptionGroup:
    condition = None
    if group.condition is not None:
        condition = Condition(group.condition.group, tuple(group.condition.options))
    return OptionGroup(
        key=group.number,
        title=group.title,
        kind=GroupKind(group.kind.value),
        options=_options(group),
        condition=condition,
        preamble=group.intro,
        enters_text=group.number not in record_only,
    )


def composite_from_compositing(
    composite: compositing.Composite,
    key: str = "O",
    *,
    record_only: Collection[str] = (),
    ratification_rule: Rule | None = None,
) -> Composite:
    """The procedure engine's composite. ``record_only``: numbers of groups whose result is a
    decision for the record (e.g. when to hold elections), not text of the document."""
    sections = []
    for section in composite.sections:
        common = section.common_ground
        amendments = ()
        if common is not None:
            amendments = tuple(
                Amendment(f"{common.number}/{n}", amendment.mover, amendment.instruction)
                for n, amendment in enumerate(common.amendments, start=1)
            )
        sections.append(
            Section(
                key=section.number,
                heading=f"{section.number}) {section.title}",
                common_ground=common.text if common is not None else "",
                amendments=amendments,
                groups=tuple(_group(group, record_only) for group in section.groups),
            )
        )
    return Composite(key, composite.title, tuple(sections), ratification_rule)

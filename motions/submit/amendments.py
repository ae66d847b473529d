"""The amendment engine as the screens use it: previews, generated wording, stored readings."""

from __future__ import annotations

import json
from dataclasses import dataclass

from compositing import (
    AmendmentError,
    SequenceResult,
    apply_amendment,
    apply_in_order,
    describe_change,
    parse_amendment,
)
from compositing.diffs import DiffLine, numbered_diff


@dataclass(frozen=True)
class Effect:
    """What an amendment does to a text: the amended text and its line-numbered diff, or why
    it cannot be applied."""

    amended: str | None = None
    lines: tuple[DiffLine, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.amended is not None

    def excerpt(self, context: int = 1) -> list[DiffLine | None]:
        """The changed lines with `context` lines either side; None marks lines left out."""
        changed = [i for i, line in enumerate(self.lines) if line.changed]
        keep = {j for i in changed for j in range(i - context, i + context + 1)}
        shown: list[DiffLine | None] = []
        for i, line in enumerate(self.lines):
            if i in keep:
                shown.append(line)
            elif shown and shown[-1] is not None:
                shown.append(None)
        return shown


def effect(text: str, instruction: str) -> Effect:
    if not instruction.strip():
        return Effect(error="Write the amendment's instructions to see their effect.")
    try:
        amended = apply_amendment(text, instruction)
    except AmendmentError as error:
        return Effect(error=error.message)
    return Effect(amended=amended, lines=tuple(numbered_diff(text, amended)))


def reading(text: str, instruction: str) -> tuple[str | None, str]:
    """(the parsed form as JSON or None, the engine's objection or '') for storing."""
    try:
        parsed = parse_amendment(instruction)
    except AmendmentError as error:
        return None, error.message
    return json.dumps(parsed.to_dict()), effect(text, instruction).error


def wording(before: str, after: str) -> str:
    """Instruction wording for an edited copy of the motion ('' when nothing changed)."""
    return "" if before.strip() == after.strip() else describe_change(before, after)


def if_all_carried(text: str, amendments: list) -> SequenceResult | None:
    """Each amendment taken in order-paper order as if all were carried: which still apply and
    which would fall. None when there are fewer than two to interact."""
    if len(amendments) < 2:
        return None
    return apply_in_order(text, {f"Amendment {a.label}": a.instruction for a in amendments})

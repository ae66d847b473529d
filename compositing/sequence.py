"""Several amendments to one text, applied in order-paper order.

Each carried amendment changes the text later amendments act on. An amendment whose words or
clause an earlier amendment removed *falls*; the chair is told which amendment took them.
An amendment that never matched the text (not even before any amendment) is *invalid*: that
is a drafting error for the CAC, not a consequence of the order of voting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from compositing.apply import apply_parsed, renumbered_like
from compositing.errors import AmendmentError, AnchorNotFound, ClauseNotFound
from compositing.operations import Amendment
from compositing.reader import parse_amendment

__all__ = ["APPLIED", "FALLS", "INVALID", "SequenceResult", "Step", "apply_in_order"]

APPLIED = "applied"
FALLS = "falls"
INVALID = "invalid"


@dataclass(frozen=True)
class Step:
    """What became of one amendment: ``status`` is applied, falls or invalid."""

    name: str
    instruction: str
    status: str
    reason: str = ""
    text: str = ""  # the text after this step (unchanged when the amendment did not apply)
    fallen_because_of: str = ""


@dataclass(frozen=True)
class SequenceResult:
    text: str
    steps: tuple[Step, ...]

    @property
    def applied(self) -> list[str]:
        return [step.name for step in self.steps if step.status == APPLIED]

    @property
    def fallen(self) -> list[str]:
        return [step.name for step in self.steps if step.status == FALLS]


def apply_in_order(text: str, instructions: Mapping[str, str] | Iterable[str]) -> SequenceResult:
    """Apply each amendment to the text as amended by those before it.

    ``instructions`` maps a name ("amendment 2", "Rotherham") to the instruction, or is a list
    (named "amendment 1", "amendment 2", ...). Amendments that cannot apply are reported and
    skipped; the rest still apply.
    """
    named = _named(instructions)
    versions = [text]  # the text before each applied amendment, then the latest
    applied_names: list[str] = []
    applied: list[Amendment] = []
    steps: list[Step] = []
    current = text
    for name, instruction in named:
        try:
            amendment = parse_amendment(instruction)
            # Numbers stand while the amendments apply: each names the published ones.
            current_after = apply_parsed(current, replace(amendment, keep_numbers=True))
        except (AnchorNotFound, ClauseNotFound) as error:
            steps.append(_missing(name, instruction, error, versions, applied_names, current))
            continue
        except AmendmentError as error:
            steps.append(Step(name, instruction, INVALID, error.message, current))
            continue
        current = current_after
        versions.append(current)
        applied_names.append(name)
        applied.append(amendment)
        steps.append(Step(name, instruction, APPLIED, "", current))
    if applied and not any(amendment.keep_numbers for amendment in applied):
        current = renumbered_like(text, current) if len(applied) > 1 else apply_parsed(
            text, applied[0]
        )
    return SequenceResult(current, tuple(steps))


def _named(instructions: Mapping[str, str] | Iterable[str]) -> list[tuple[str, str]]:
    if isinstance(instructions, Mapping):
        return list(instructions.items())
    return [(f"amendment {n}", text) for n, text in enumerate(instructions, start=1)]


def _missing(
    name: str,
    instruction: str,
    error: AmendmentError,
    versions: list[str],
    applied_names: list[str],
    current: str,
) -> Step:
    """Falls if an earlier amendment removed its target; invalid if it never had one."""
    amendment = parse_amendment(instruction)
    last_fit = -1
    for index, version in enumerate(versions[:-1]):
        try:
            apply_parsed(version, amendment)
        except AmendmentError:
            continue
        last_fit = index
    if last_fit < 0:
        return Step(name, instruction, INVALID, error.message, current)
    culprit = applied_names[last_fit]
    reason = (
        f"{name} falls: its words were deleted or changed by {culprit}, which was carried "
        f"before it. ({error.message})"
    )
    return Step(name, instruction, FALLS, reason, current, culprit)

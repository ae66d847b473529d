"""The record of decisions: one entry per item, with counts, rule, result and casting vote."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from procedure.rules import Result


class State(StrEnum):
    PENDING = "pending"
    OPEN = "open"
    COUNTED = "counted"
    DECLARED = "declared"
    CORRECTED = "corrected"
    SKIPPED = "skipped"
    FELL = "fell"
    WITHDRAWN = "withdrawn"
    REMITTED = "remitted"


@dataclass(frozen=True)
class CastingVote:
    choice: str
    cast_by: str


@dataclass(frozen=True)
class Decision:
    """A closed item as the record shows it.

    ``counts``: constituency -> choice -> votes (abstentions under "abstain"); None when the
    item was not voted on. ``corrected_from`` keeps the original declaration beside a correction.
    """

    item: str
    title: str
    kind: str
    state: State
    result: Result
    explanation: str
    rule: str | None = None
    counts: Mapping[str, Mapping[str, int]] | None = None
    winner: str | None = None
    casting_vote: CastingVote | None = None
    referred_to: str | None = None
    corrected_from: Decision | None = None
    correction_reason: str | None = None
    corrected_by: str | None = None

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-able form (for the app and for printing)."""
        return {
            "item": self.item,
            "title": self.title,
            "kind": self.kind,
            "state": str(self.state),
            "result": str(self.result),
            "explanation": self.explanation,
            "rule": self.rule,
            "counts": None if self.counts is None else {k: dict(v) for k, v in self.counts.items()},
            "winner": self.winner,
            "casting_vote": None
            if self.casting_vote is None
            else {"choice": self.casting_vote.choice, "cast_by": self.casting_vote.cast_by},
            "referred_to": self.referred_to,
            "corrected_from": None
            if self.corrected_from is None
            else self.corrected_from.as_dict(),
            "correction_reason": self.correction_reason,
            "corrected_by": self.corrected_by,
        }


def _counts_line(counts: Mapping[str, Mapping[str, int]]) -> str:
    parts = []
    for constituency, by_choice in counts.items():
        listed = ", ".join(f"{choice}: {votes}" for choice, votes in by_choice.items())
        parts.append(f"{constituency} ({listed})")
    return "; ".join(parts)


def format_decision(decision: Decision, number: int) -> list[str]:
    lines = [f"{number}. [{decision.item}] {decision.title}"]
    outcome = str(decision.result).upper()
    if decision.winner is not None:
        outcome += f" ({decision.winner})"
    lines.append(f"   {outcome}: {decision.explanation}")
    if decision.rule:
        lines.append(f"   rule: {decision.rule}")
    if decision.counts is not None:
        lines.append(f"   counts: {_counts_line(decision.counts)}")
    if decision.casting_vote is not None:
        casting = decision.casting_vote
        lines.append(f"   casting vote: {casting.choice}, cast by {casting.cast_by}")
    if decision.corrected_from is not None:
        original = decision.corrected_from
        by = f" by {decision.corrected_by}" if decision.corrected_by else ""
        lines.append(f"   corrected{by}: {decision.correction_reason}")
        lines.append(
            f"   originally declared: {str(original.result).upper()}: {original.explanation}"
        )
    return lines


def format_record(decisions: Iterable[Decision]) -> str:
    lines: list[str] = []
    for number, decision in enumerate(decisions, start=1):
        lines.extend(format_decision(decision, number))
    return "\n".join(lines) + "\n"

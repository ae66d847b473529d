"""Ballots and the counts recorded for them.

A ballot is the question put to the hall: either *for or against* one proposition, or a choice
between *options against each other* (possibly including "Neither"). What comes back from the
tellers is a :class:`Tally` per constituency: votes per choice plus abstentions. Abstentions are
recorded but, under every counting rule here, not counted as votes cast.

Votes can be given as totals (``{"for": 40, "against": 12, "abstain": 3}``) or as individual
cards (:class:`Card`), each with the weight of the membership its holder represents. Whether the
weight counts is the rule's business (``Rule.weighted``), not the ballot's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

FOR = "for"
AGAINST = "against"
ABSTAIN = "abstain"
NEITHER = "Neither"

# The single constituency of an ordinary ballot: the whole hall.
HALL = "conference"


class BallotError(ValueError):
    """Votes that do not fit the ballot: an unknown choice, a negative count, a duplicate card."""


class BallotKind(StrEnum):
    FOR_AGAINST = "for_against"
    OPTIONS = "options"


@dataclass(frozen=True)
class Ballot:
    """The question and the choices a delegate may vote for (abstention is always allowed)."""

    kind: BallotKind
    question: str
    choices: tuple[str, ...] = (FOR, AGAINST)

    @classmethod
    def for_against(cls, question: str) -> Ballot:
        return cls(BallotKind.FOR_AGAINST, question, (FOR, AGAINST))

    @classmethod
    def options(cls, question: str, choices: Iterable[str]) -> Ballot:
        choices = tuple(choices)
        if len(choices) < 2:
            raise BallotError(f"{question}: a choice needs at least two options, got {choices!r}")
        if len(set(choices)) != len(choices):
            raise BallotError(f"{question}: options repeat: {choices!r}")
        return cls(BallotKind.OPTIONS, question, choices)


@dataclass(frozen=True)
class Card:
    """One delegate's or delegation's vote; ``weight`` is the membership it represents."""

    holder: str
    choice: str
    weight: int = 1


@dataclass(frozen=True)
class Tally:
    """Votes per choice, in the ballot's order of choices, plus abstentions."""

    votes: tuple[tuple[str, int], ...]
    abstentions: int = 0

    def of(self, choice: str) -> int:
        for name, count in self.votes:
            if name == choice:
                return count
        raise BallotError(f"no such choice on this ballot: {choice!r}")

    @property
    def cast(self) -> int:
        """Votes cast for a choice; abstentions are not votes cast."""
        return sum(count for _, count in self.votes)

    def as_dict(self) -> dict[str, int]:
        counts = dict(self.votes)
        counts[ABSTAIN] = self.abstentions
        return counts

    def describe(self) -> str:
        parts = [f"{count} {name}" for name, count in self.votes]
        return ", ".join(parts) + f"; {self.abstentions} abstaining"


def _check_count(ballot: Ballot, choice: str, count: object) -> int:
    # bool is an int subclass; "true" votes are a data error, not one vote.
    if isinstance(count, bool) or not isinstance(count, int):
        raise BallotError(f"{ballot.question}: the count for {choice!r} must be a whole number")
    if count < 0:
        raise BallotError(f"{ballot.question}: the count for {choice!r} is negative ({count})")
    return count


def tally_counts(ballot: Ballot, counts: Mapping[str, int]) -> Tally:
    """A tally from totals per choice; missing choices count 0, unknown choices are an error."""
    unknown = [name for name in counts if name not in ballot.choices and name != ABSTAIN]
    if unknown:
        raise BallotError(
            f"{ballot.question}: {', '.join(map(repr, unknown))} not a choice on this ballot "
            f"(choices: {', '.join(ballot.choices)}, {ABSTAIN})"
        )
    votes = tuple(
        (choice, _check_count(ballot, choice, counts.get(choice, 0))) for choice in ballot.choices
    )
    return Tally(votes, _check_count(ballot, ABSTAIN, counts.get(ABSTAIN, 0)))


def tally_cards(ballot: Ballot, cards: Iterable[Card], *, weighted: bool) -> Tally:
    """A tally from individual cards; with ``weighted`` each card counts its holder's weight."""
    totals: dict[str, int] = {}
    holders: set[str] = set()
    for card in cards:
        if card.holder in holders:
            raise BallotError(f"{ballot.question}: {card.holder!r} has voted twice")
        holders.add(card.holder)
        if card.choice not in ballot.choices and card.choice != ABSTAIN:
            raise BallotError(
                f"{ballot.question}: {card.holder!r} voted {card.choice!r}, "
                f"which is not a choice on this ballot"
            )
        weight = _check_count(ballot, f"{card.holder}'s weight", card.weight)
        totals[card.choice] = totals.get(card.choice, 0) + (weight if weighted else 1)
    return tally_counts(ballot, totals)

"""Counting rules: from tallies to a result, with the reasoning spelled out for the chair.

Defaults follow DESIGN.md: a for/against ballot is carried by a simple majority of the votes cast
for and against; abstentions are recorded but never counted. A tie is never decided here: the
outcome is ``TIE`` with the tied choices and, where there is a customary choice (the status quo:
against a change, or "Neither"), a *hint* — the chair's casting vote is then recorded by the
session. Options against each other: most votes wins; a tie at the top is again a ``TIE``.

Other thresholds (two-thirds of votes cast, absolute majority of those entitled), card votes
(weighted) and dual majorities (two constituencies; one majority only means "referred to
<body>") are chosen per ballot with :class:`Rule`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from procedure.ballots import AGAINST, FOR, HALL, NEITHER, Ballot, BallotError, BallotKind, Tally


class Threshold(StrEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"
    ABSOLUTE = "absolute"


class Result(StrEnum):
    CARRIED = "carried"
    LOST = "lost"
    REFERRED = "referred"
    TIE = "tie"
    FELL = "fell"
    SKIPPED = "skipped"
    WITHDRAWN = "withdrawn"
    REMITTED = "remitted"


@dataclass(frozen=True)
class DualMajority:
    """Carried only with a majority in both constituencies; one majority only: referred."""

    constituencies: tuple[str, str]
    refer_to: str

    def __post_init__(self) -> None:
        if len(self.constituencies) != 2 or self.constituencies[0] == self.constituencies[1]:
            raise BallotError(f"a dual majority needs two constituencies: {self.constituencies!r}")


@dataclass(frozen=True)
class Rule:
    threshold: Threshold = Threshold.SIMPLE
    weighted: bool = False
    # Number (or, for card votes, total weight) of those entitled to vote: needed for
    # Threshold.ABSOLUTE; may also be given with the count, which then takes precedence.
    entitled: int | None = None
    dual: DualMajority | None = None

    def __post_init__(self) -> None:
        if self.dual is not None and self.threshold is Threshold.ABSOLUTE:
            # An absolute majority needs an entitlement per constituency; nobody has asked
            # for it, so refuse rather than invent one.
            raise BallotError(
                "a dual majority counts votes cast; it cannot use an absolute majority"
            )

    def describe(self, kind: BallotKind = BallotKind.FOR_AGAINST) -> str:
        """The rule in words, for a for/against ballot or for options against each other."""
        entitled = f"the {self.entitled} " if self.entitled is not None else "those "
        if kind is BallotKind.OPTIONS:
            text = {
                Threshold.SIMPLE: "most votes wins (abstentions not counted)",
                Threshold.TWO_THIRDS: "most votes wins if it has two-thirds of votes cast",
                Threshold.ABSOLUTE: (
                    f"most votes wins if it has an absolute majority of {entitled}entitled to vote"
                ),
            }[self.threshold]
        elif self.threshold is Threshold.SIMPLE:
            text = "simple majority of votes cast (abstentions not counted)"
        elif self.threshold is Threshold.TWO_THIRDS:
            text = "two-thirds of votes cast (abstentions not counted)"
        else:
            text = f"absolute majority of {entitled}entitled to vote"
        if self.weighted:
            text += "; card vote (each vote weighted)"
        if self.dual is not None:
            first, second = self.dual.constituencies
            text += (
                f"; dual majority of {first} and {second} "
                f"(one majority only: referred to {self.dual.refer_to})"
            )
        return text


DEFAULT_RULE = Rule()


@dataclass(frozen=True)
class Outcome:
    """What the count says. ``winner`` is the winning choice of an options ballot."""

    result: Result
    explanation: str
    winner: str | None = None
    tied: tuple[str, ...] = ()
    hint: str | None = None
    referred_to: str | None = None

    @property
    def needs_casting_vote(self) -> bool:
        return self.result is Result.TIE


def _reaches(threshold: Threshold, votes: int, cast: int, entitled: int | None) -> bool:
    if threshold is Threshold.TWO_THIRDS:
        return cast > 0 and 3 * votes >= 2 * cast
    if threshold is Threshold.ABSOLUTE:
        assert entitled is not None
        return 2 * votes > entitled
    return 2 * votes > cast


def _entitled(rule: Rule, entitled: int | None, tally: Tally) -> int | None:
    if rule.threshold is not Threshold.ABSOLUTE:
        return None
    number = entitled if entitled is not None else rule.entitled
    if number is None:
        raise BallotError("an absolute majority needs the number entitled to vote")
    if tally.cast + tally.abstentions > number:
        raise BallotError(
            f"{tally.cast + tally.abstentions} votes recorded but only {number} entitled to vote"
        )
    return number


def decide_for_against(
    tally: Tally, rule: Rule = DEFAULT_RULE, entitled: int | None = None
) -> Outcome:
    """Carried, lost or tied, for one constituency."""
    votes_for, votes_against = tally.of(FOR), tally.of(AGAINST)
    counted = f"{votes_for} for, {votes_against} against, {tally.abstentions} abstaining"
    number = _entitled(rule, entitled, tally)
    if tally.cast == 0:
        # Nothing to count (no votes, or everyone abstained): nobody has supported the
        # proposition, so it is not carried. There is no tie for a casting vote to break.
        why = "all abstained" if tally.abstentions else "no votes recorded"
        return Outcome(Result.LOST, f"not carried: no votes cast ({why})")
    if rule.threshold is Threshold.SIMPLE and votes_for == votes_against:
        return Outcome(
            Result.TIE,
            f"tie: {counted}; the chair's casting vote decides",
            tied=(FOR, AGAINST),
            hint=AGAINST,
        )
    # The rule is named in the explanation only when it is not the default, where it is the
    # reason for the result ("lost: 19 for, 10 against (two-thirds of votes cast ...)").
    needs = "" if rule.threshold is Threshold.SIMPLE else f" ({rule.describe()})"
    if _reaches(rule.threshold, votes_for, tally.cast, number):
        return Outcome(Result.CARRIED, f"carried: {counted}{needs}")
    return Outcome(Result.LOST, f"lost: {counted}{needs}")


def decide_options(tally: Tally, rule: Rule = DEFAULT_RULE, entitled: int | None = None) -> Outcome:
    """The option with the most votes wins; it must also reach the threshold if there is one."""
    counted = "; ".join(f"{name}: {count}" for name, count in tally.votes)
    counted += f"; abstaining: {tally.abstentions}"
    number = _entitled(rule, entitled, tally)
    if tally.cast == 0:
        why = "all abstained" if tally.abstentions else "no votes recorded"
        return Outcome(Result.LOST, f"no option agreed: no votes cast ({why})")
    top = max(count for _, count in tally.votes)
    leaders = tuple(name for name, count in tally.votes if count == top)
    if len(leaders) > 1 and rule.threshold is Threshold.SIMPLE:
        return Outcome(
            Result.TIE,
            f"tie at the top between {' and '.join(leaders)}: {counted}; "
            "the chair's casting vote decides",
            tied=leaders,
            # "Neither" leaves the text as it stands: the customary choice for a casting vote.
            hint=NEITHER if NEITHER in leaders else None,
        )
    winner = leaders[0]
    if rule.threshold is not Threshold.SIMPLE and (
        len(leaders) > 1 or not _reaches(rule.threshold, top, tally.cast, number)
    ):
        return Outcome(
            Result.LOST,
            f"no option reached the threshold: {counted} ({rule.describe(BallotKind.OPTIONS)})",
        )
    if winner == NEITHER:
        # Say plainly what "Neither" means for the text.
        explanation = f"Neither has the most votes, so no option is agreed: {counted}"
    else:
        explanation = f"{winner} has the most votes: {counted}"
    return Outcome(Result.CARRIED, explanation, winner=winner)


def _decide_dual(
    ballot: Ballot, tallies: Mapping[str, Tally], rule: Rule, dual: DualMajority
) -> Outcome:
    if ballot.kind is not BallotKind.FOR_AGAINST:
        raise BallotError(f"{ballot.question}: a dual majority applies to for/against ballots only")
    if set(tallies) != set(dual.constituencies):
        raise BallotError(
            f"{ballot.question}: a dual majority needs counts for exactly "
            f"{' and '.join(dual.constituencies)}, got {', '.join(tallies) or 'none'}"
        )
    single = Rule(threshold=rule.threshold, weighted=rule.weighted)
    parts: list[str] = []
    majorities: list[str] = []
    for constituency in dual.constituencies:
        # A tie inside one constituency is no majority there: the chair's casting vote is a
        # vote of the hall, not of a constituency, so it is not asked for here.
        outcome = decide_for_against(tallies[constituency], single)
        if outcome.result is Result.CARRIED:
            majorities.append(constituency)
        verdict = "majority for" if outcome.result is Result.CARRIED else "no majority for"
        parts.append(f"{constituency}: {verdict} ({tallies[constituency].describe()})")
    detail = "; ".join(parts)
    if len(majorities) == 2:
        return Outcome(Result.CARRIED, f"carried by both majorities: {detail}")
    if len(majorities) == 1:
        return Outcome(
            Result.REFERRED,
            f"referred to {dual.refer_to}: a majority of {majorities[0]} only: {detail}",
            referred_to=dual.refer_to,
        )
    return Outcome(Result.LOST, f"lost: {detail}")


def decide(
    ballot: Ballot,
    tallies: Mapping[str, Tally],
    rule: Rule = DEFAULT_RULE,
    entitled: int | None = None,
) -> Outcome:
    """The outcome of a ballot under a rule. ``tallies``: constituency -> tally."""
    if rule.dual is not None:
        return _decide_dual(ballot, tallies, rule, rule.dual)
    if len(tallies) != 1:
        raise BallotError(
            f"{ballot.question}: one count expected, got counts for {', '.join(tallies)}"
        )
    (tally,) = tallies.values()
    if ballot.kind is BallotKind.FOR_AGAINST:
        return decide_for_against(tally, rule, entitled)
    return decide_options(tally, rule, entitled)


def apply_casting_vote(outcome: Outcome, ballot: Ballot, choice: str, cast_by: str) -> Outcome:
    """The outcome once the chair has given a casting vote on a tie."""
    if outcome.result is not Result.TIE:
        raise BallotError(f"{ballot.question}: no tie, so no casting vote is needed")
    if not cast_by.strip():
        raise BallotError(f"{ballot.question}: a casting vote must say who cast it")
    if choice not in outcome.tied:
        raise BallotError(
            f"{ballot.question}: the casting vote must be for one of the tied choices "
            f"({', '.join(outcome.tied)}), not {choice!r}"
        )
    decided = f"{outcome.explanation}; casting vote by {cast_by}: {choice}"
    if ballot.kind is BallotKind.FOR_AGAINST:
        result = Result.CARRIED if choice == FOR else Result.LOST
        return Outcome(result, decided, tied=outcome.tied, hint=outcome.hint)
    return Outcome(Result.CARRIED, decided, winner=choice, tied=outcome.tied, hint=outcome.hint)


__all__ = [
    "HALL",
    "DEFAULT_RULE",
    "DualMajority",
    "Outcome",
    "Result",
    "Rule",
    "Threshold",
    "apply_casting_vote",
    "decide",
    "decide_for_against",
    "decide_options",
]

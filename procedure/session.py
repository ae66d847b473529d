"""The live session: a state machine over the order of business.

Each item goes ``pending -> open -> counted -> declared`` (and may then be ``corrected`` before
the next item opens), or leaves without a vote: ``skipped`` (condition not met; superseded by
the procedural motion), ``fell`` (its words are gone), ``withdrawn`` or ``remitted``. Skipped
and fallen items are settled by the engine as soon as the item before them is declared, with the
reason, so the chair sees them at once.

A tie is never decided by the engine: the count stays ``counted`` with ``needs_casting_vote``
(and the customary choice as a hint) until the chair's casting vote is recorded with who cast it.

Everything that changes the outcome is kept in :attr:`Session.events`, in the same JSON form as
a replay file (see ``procedure/README.md``): replaying the events gives the same outcome.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from procedure import agreed
from procedure.ballots import HALL, Ballot, BallotError, BallotKind, Card, Tally, tally_cards
from procedure.ballots import tally_counts as _tally_counts
from procedure.model import OrderPaper
from procedure.order import Item, ItemKind, plan
from procedure.record import CastingVote, Decision, State
from procedure.rules import Outcome, Result, Rule, apply_casting_vote, decide


class SessionError(ValueError):
    """A step the chair cannot take now (with what can be done instead)."""


# Votes as given by tellers or a replay file:
#   {"for": 10, "against": 4, "abstain": 1}                      totals, one constituency
#   [{"holder": "Unite", "choice": "for", "weight": 5000}, ...]  cards
#   {"members": {...totals or cards...}, "groups": {...}}        per constituency (dual majority)
VotesInput = Mapping[str, Any] | Sequence[Any] | Tally


def _cards(ballot: Ballot, raw: Sequence[Any]) -> list[Card]:
    cards = []
    for entry in raw:
        if isinstance(entry, Card):
            cards.append(entry)
        elif isinstance(entry, Mapping) and {"holder", "choice"} <= set(entry):
            cards.append(Card(str(entry["holder"]), str(entry["choice"]), entry.get("weight", 1)))
        else:
            raise BallotError(
                f"{ballot.question}: a card needs a holder and a choice (and may have a weight): "
                f"{entry!r}"
            )
    return cards


def _one_tally(ballot: Ballot, rule: Rule, raw: Any) -> Tally:
    if isinstance(raw, Tally):
        return raw
    if isinstance(raw, Mapping):
        return _tally_counts(ballot, raw)
    if isinstance(raw, Sequence) and not isinstance(raw, str):
        return tally_cards(ballot, _cards(ballot, raw), weighted=rule.weighted)
    raise BallotError(f"{ballot.question}: votes must be totals or a list of cards, not {raw!r}")


def parse_votes(ballot: Ballot, rule: Rule, votes: VotesInput) -> dict[str, Tally]:
    """Tallies per constituency from any of the accepted forms of votes."""
    if rule.dual is not None:
        if not isinstance(votes, Mapping):
            raise BallotError(
                f"{ballot.question}: a dual majority needs votes per constituency "
                f"({' and '.join(rule.dual.constituencies)})"
            )
        return {name: _one_tally(ballot, rule, raw) for name, raw in votes.items()}
    return {HALL: _one_tally(ballot, rule, votes)}


def _votes_json(votes: VotesInput) -> Any:
    """The votes as plain JSON data, for the event log."""
    if isinstance(votes, Tally):
        return votes.as_dict()
    if isinstance(votes, Mapping):
        return {str(key): _votes_json(value) for key, value in votes.items()}
    if isinstance(votes, Card):
        return asdict(votes)
    if isinstance(votes, Sequence) and not isinstance(votes, str):
        return [_votes_json(entry) for entry in votes]
    return votes


@dataclass
class _Entry:
    """The working record of one item that has left ``pending``."""

    item: Item
    state: State
    tallies: dict[str, Tally] | None = None
    votes_json: Any = None
    entitled: int | None = None
    counted: Outcome | None = None  # what the count said (may be a tie)
    casting: CastingVote | None = None
    outcome: Outcome | None = None  # the result, once any tie is broken
    reason: str | None = None  # why it was skipped, fell, was withdrawn or remitted
    settled_by_engine: bool = False
    corrections: list[tuple[Decision, str, str]] = field(default_factory=list)


_CLOSED = {
    State.DECLARED,
    State.CORRECTED,
    State.SKIPPED,
    State.FELL,
    State.WITHDRAWN,
    State.REMITTED,
}
_WITHOUT_VOTE = {
    State.SKIPPED: Result.SKIPPED,
    State.FELL: Result.FELL,
    State.WITHDRAWN: Result.WITHDRAWN,
    State.REMITTED: Result.REMITTED,
}
_WITHDRAWABLE = {ItemKind.AMENDMENT, ItemKind.MOTION, ItemKind.PROCEDURAL_MOTION, ItemKind.OPTION}
_REMITTABLE = {ItemKind.MOTION, ItemKind.AMENDMENT}


class Session:
    def __init__(self, paper: OrderPaper) -> None:
        self.paper = paper
        self._entries: list[_Entry] = []
        self._events: list[dict[str, Any]] = []
        self._settle()

    # ----- reading the state -------------------------------------------------------------

    @property
    def events(self) -> list[dict[str, Any]]:
        """The recorded inputs, in replay-file form (declared votes, corrections, withdrawals)."""
        return copy.deepcopy(self._events)

    def _procedural_carried(self) -> bool | None:
        procedural = self.paper.procedural_motion
        if procedural is None:
            return None
        for entry in self._entries:
            if entry.item.key == procedural.key and entry.state in _CLOSED:
                # Withdrawn or remitted: not carried, so the originals are taken.
                return entry.outcome is not None and entry.outcome.result is Result.CARRIED
        return None

    def plan(self) -> tuple[Item, ...]:
        """The order of business as far as it is known now."""
        return plan(self.paper, self._procedural_carried())

    def _next_planned(self) -> Item | None:
        items = self.plan()
        done = len(self._entries)
        # The entries always follow the plan; a mismatch would be an engine bug, not bad input.
        assert [e.item.key for e in self._entries] == [i.key for i in items[:done]]
        return items[done] if done < len(items) else None

    def _active(self) -> _Entry | None:
        if self._entries and self._entries[-1].state in (State.OPEN, State.COUNTED):
            return self._entries[-1]
        return None

    @property
    def current(self) -> Item | None:
        """The item the chair deals with now (open, counted, or next to open); None at the end."""
        active = self._active()
        return active.item if active is not None else self._next_planned()

    @property
    def state(self) -> State | None:
        """The current item's state."""
        active = self._active()
        if active is not None:
            return active.state
        return State.PENDING if self._next_planned() is not None else None

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def outcome(self) -> Outcome | None:
        """The current item's count, once counted (``needs_casting_vote`` on a tie)."""
        active = self._active()
        return active.counted if active is not None else None

    def items(self) -> list[tuple[Item, State]]:
        """Every item known so far with its state, for the chair's console and the projector."""
        listed = [(entry.item, entry.state) for entry in self._entries]
        listed.extend((item, State.PENDING) for item in self.plan()[len(self._entries) :])
        return listed

    def decisions(self) -> tuple[Decision, ...]:
        """The record of decisions: every closed item, in order."""
        return tuple(self._decision(entry) for entry in self._entries if entry.state in _CLOSED)

    def _decision_map(self) -> dict[str, Decision]:
        return {decision.item: decision for decision in self.decisions()}

    def agreed(self) -> agreed.AgreedText:
        """The agreed text on the results so far, with the record of decisions."""
        decisions = self._decision_map()
        documents = agreed.agreed_documents(self.paper, decisions)
        return agreed.AgreedText(tuple(documents), tuple(decisions.values()))

    def _decision(self, entry: _Entry) -> Decision:
        item = entry.item
        if entry.state in _WITHOUT_VOTE:
            decision = Decision(
                item=item.key,
                title=item.title,
                kind=str(item.kind),
                state=entry.state,
                result=_WITHOUT_VOTE[entry.state],
                explanation=entry.reason or "",
            )
        else:
            assert entry.outcome is not None and entry.tallies is not None
            decision = Decision(
                item=item.key,
                title=item.title,
                kind=str(item.kind),
                state=entry.state,
                result=entry.outcome.result,
                explanation=entry.outcome.explanation,
                rule=item.rule.describe(item.ballot.kind),
                counts={name: tally.as_dict() for name, tally in entry.tallies.items()},
                winner=entry.outcome.winner,
                casting_vote=entry.casting,
                referred_to=entry.outcome.referred_to,
            )
        if entry.corrections:
            original, reason, by = entry.corrections[-1]
            decision = replace(
                decision, corrected_from=original, correction_reason=reason, corrected_by=by
            )
        return decision

    # ----- settling what needs no vote -----------------------------------------------------

    def _condition_unmet(self, item: Item) -> str | None:
        condition = item.condition
        if condition is None:
            return None
        decisions = self._decision_map()
        assert self.paper.composite is not None
        group = next(
            g for s in self.paper.composite.sections for g in s.groups if g.key == condition.group
        )
        won = [option.key for option in agreed.agreed_options(group, decisions)]
        if any(key in condition.options for key in won):
            return None
        what = f"option {' and '.join(won)} agreed" if won else "no option agreed"
        return f"condition not met: {condition.describe()} ({what})"

    def _fall_reason(self, item: Item) -> str | None:
        if item.kind is not ItemKind.AMENDMENT:
            return None
        assert item.amendment is not None and item.target is not None
        decisions = self._decision_map()
        composite = self.paper.composite
        section = None
        if composite is not None:
            section = next((s for s in composite.sections if s.key == item.target), None)
        amended = self.paper.amendment_to(item.key)
        if amended is not None:  # an amendment to an amendment acts on that one's wording
            parent = amended[0]
            base, amendments = parent.instruction, parent.amendments
        elif section is not None:
            base, amendments = agreed.section_text(section), section.amendments
        else:
            motion = self.paper.motion(item.target)
            base, amendments = motion.text, motion.amendments
        earlier = agreed.carried_before(amendments, item.amendment, decisions)
        return agreed.fall_reason(base, earlier, agreed.as_amended(item.amendment, decisions))

    def _settle(self) -> None:
        """Close, with the reason, the items ahead that cannot be put to the vote."""
        while self._active() is None:
            item = self._next_planned()
            if item is None:
                return
            if item.superseded is not None:
                state, reason = State.SKIPPED, item.superseded
            elif (unmet := self._condition_unmet(item)) is not None:
                state, reason = State.SKIPPED, unmet
            elif (fell := self._fall_reason(item)) is not None:
                state, reason = State.FELL, fell
            else:
                return
            self._entries.append(_Entry(item, state, reason=reason, settled_by_engine=True))

    # ----- the chair's steps ---------------------------------------------------------------

    def _require_current(self, key: str | None) -> Item:
        item = self.current
        if item is None:
            raise SessionError("the order of business is finished: nothing left to take")
        if key is not None and key != item.key:
            raise SessionError(f"the item now is {item.key!r} ({item.title}), not {key!r}")
        return item

    def open(self, key: str | None = None) -> Item:
        """Open the next item for debate and vote. ``key``, if given, must be that item."""
        item = self._require_current(key)
        if self._active() is not None:
            raise SessionError(f"{item.key!r} is already open")
        self._entries.append(_Entry(item, State.OPEN))
        return item

    def count(self, votes: VotesInput, *, entitled: int | None = None) -> Outcome:
        """Record the count for the open item (a recount replaces it until declared)."""
        entry = self._active()
        if entry is None:
            raise SessionError("no item is open: open the next item before counting")
        item = entry.item
        tallies = parse_votes(item.ballot, item.rule, votes)
        counted = decide(item.ballot, tallies, item.rule, entitled)
        entry.tallies, entry.entitled, entry.votes_json = tallies, entitled, _votes_json(votes)
        entry.counted, entry.casting = counted, None
        entry.outcome = None if counted.needs_casting_vote else counted
        entry.state = State.COUNTED
        return counted

    def cast_vote(self, choice: str, cast_by: str) -> Outcome:
        """Record the chair's casting vote on a tie, with who cast it."""
        entry = self._active()
        if entry is None or entry.state is not State.COUNTED or entry.counted is None:
            raise SessionError("a casting vote comes after a count")
        entry.outcome = apply_casting_vote(entry.counted, entry.item.ballot, choice, cast_by)
        entry.casting = CastingVote(choice, cast_by)
        return entry.outcome

    def declare(self) -> Decision:
        """Declare the counted result; settles any items that now need no vote."""
        entry = self._active()
        if entry is None or entry.state is not State.COUNTED:
            raise SessionError("nothing counted to declare")
        if entry.outcome is None:
            hint = entry.counted.hint if entry.counted else None
            customary = f" (customarily: {hint})" if hint else ""
            raise SessionError(
                f"{entry.item.key!r} is tied: the chair's casting vote is needed{customary}"
            )
        entry.state = State.DECLARED
        self._events.append(self._vote_event(entry))
        decision = self._decision(entry)
        self._settle()
        return decision

    @staticmethod
    def _vote_event(entry: _Entry) -> dict[str, Any]:
        event: dict[str, Any] = {"item": entry.item.key, "votes": entry.votes_json}
        if entry.entitled is not None:
            event["entitled"] = entry.entitled
        if entry.casting is not None:
            event["casting_vote"] = {
                "choice": entry.casting.choice,
                "cast_by": entry.casting.cast_by,
            }
        return event

    def correctable(self) -> Item | None:
        """The declared item that may still be corrected: the last one, until the next opens."""
        for entry in reversed(self._entries):
            if entry.state in (State.DECLARED, State.CORRECTED):
                return entry.item
            if not entry.settled_by_engine:
                return None
        return None

    def correct(
        self,
        votes: VotesInput,
        *,
        reason: str,
        corrected_by: str,
        entitled: int | None = None,
        casting_vote: CastingVote | None = None,
        key: str | None = None,
    ) -> Decision:
        """Correct the last declared result before the next item opens; the original is kept."""
        item = self.correctable()
        if item is None:
            raise SessionError(
                "no declared result can be corrected now: a result can be corrected only "
                "until the next item opens"
            )
        if key is not None and key != item.key:
            raise SessionError(f"only {item.key!r} can be corrected now, not {key!r}")
        if not reason.strip() or not corrected_by.strip():
            raise SessionError("a correction needs a reason and who made it")
        index = max(i for i, entry in enumerate(self._entries) if entry.item.key == item.key)
        entry = self._entries[index]
        original = self._decision(entry)
        tallies = parse_votes(item.ballot, item.rule, votes)
        counted = decide(item.ballot, tallies, item.rule, entitled)
        outcome = counted
        if counted.needs_casting_vote:
            if casting_vote is None:
                raise SessionError(
                    f"the corrected count for {item.key!r} is a tie: "
                    "give the chair's casting vote with the correction"
                )
            outcome = apply_casting_vote(
                counted, item.ballot, casting_vote.choice, casting_vote.cast_by
            )
        elif casting_vote is not None:
            raise SessionError(f"the corrected count for {item.key!r} is not a tie")
        # Only now, with everything checked, change the session.
        del self._entries[index + 1 :]
        entry.tallies, entry.entitled, entry.votes_json = tallies, entitled, _votes_json(votes)
        entry.counted, entry.outcome, entry.casting = counted, outcome, casting_vote
        entry.state = State.CORRECTED
        entry.corrections.append((original, reason, corrected_by))
        event: dict[str, Any] = {
            "item": item.key,
            "correct": {"votes": entry.votes_json, "reason": reason, "by": corrected_by},
        }
        if entitled is not None:
            event["correct"]["entitled"] = entitled
        if casting_vote is not None:
            event["correct"]["casting_vote"] = {
                "choice": casting_vote.choice,
                "cast_by": casting_vote.cast_by,
            }
        self._events.append(event)
        self._settle()
        return self._decision(entry)

    def _close_without_vote(
        self, key: str | None, state: State, reason: str, allowed: set[ItemKind], event: dict
    ) -> None:
        item = self._require_current(key)
        active = self._active()
        if active is not None and active.state is State.COUNTED:
            raise SessionError(f"{item.key!r} has been counted: declare it instead")
        if item.kind not in allowed:
            raise SessionError(f"{item.key!r} ({item.kind}) cannot be {state}")
        if active is None:
            self._entries.append(_Entry(item, state, reason=reason))
        else:
            active.state, active.reason = state, reason
        self._events.append({"item": item.key, **event})
        self._settle()

    def withdraw(self, reason: str = "withdrawn by the mover", key: str | None = None) -> None:
        """The current item leaves the order, withdrawn (before it is counted)."""
        self._close_without_vote(key, State.WITHDRAWN, reason, _WITHDRAWABLE, {"withdraw": reason})

    def remit(self, to: str, key: str | None = None) -> None:
        """The current item is remitted to a body (before it is counted)."""
        self._close_without_vote(
            key, State.REMITTED, f"remitted to {to}", _REMITTABLE, {"remit": to}
        )


__all__ = ["BallotKind", "Session", "SessionError", "VotesInput", "parse_votes"]

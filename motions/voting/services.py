"""The live vote on a heading: the order paper the procedure engine runs, and every input kept.

The engine (`procedure`) holds no state between requests: each request rebuilds the session
from the stored order paper and the declared inputs (`procedure.restore`), so several chairs'
tabs, tellers and server processes all see the same state, and a restart loses nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from motions.composites.services import order_paper_content
from motions.extensions import db
from motions.live import announce
from motions.models import (
    Composite,
    CompositeStatus,
    Heading,
    IfCarried,
    IfLost,
    Organisation,
    Submission,
    User,
    VotingAction,
    VotingSession,
)
from motions.models.conference import VotingRule
from motions.services import RuleError, record
from motions.submit.amendments import Effect, effect
from procedure import (
    AGAINST,
    FOR,
    Amendment,
    BallotError,
    DualMajority,
    Item,
    ItemKind,
    Motion,
    OrderPaper,
    Outcome,
    ProceduralMotion,
    Rule,
    Session,
    SessionError,
    State,
    Threshold,
    amendment_problems,
    order_paper_from_json,
    order_paper_to_json,
    restore,
)
from procedure.agreed import (
    amend,
    amended_motion_text,
    amended_section,
    as_amended,
    carried_before,
    composite_text,
)
from procedure.from_compositing import composite_from_compositing

# Inputs the engine replays; a "count" is kept for the record but only its declaration counts.
REPLAYED = ("declare", "correct", "withdraw", "remit")
ASCII_DIGITS = re.compile(r"[0-9]{1,12}")
MAX_COUNT = 10_000_000  # votes (or members on a card) in one count
MAX_REASON = 1000  # characters of a correction's reason or of who withdrew or where remitted
DUAL_CONSTITUENCIES = ("individual members", "affiliated groups")


def conference_rule(heading: Heading) -> Rule:
    rule = VotingRule(heading.conference.voting_rule)
    if rule is VotingRule.DUAL:
        # Two constituencies' totals: card votes are not offered with a dual majority.
        return Rule(dual=DualMajority(DUAL_CONSTITUENCIES, "the Organising Group"))
    threshold = {VotingRule.SIMPLE: Threshold.SIMPLE, VotingRule.TWO_THIRDS: Threshold.TWO_THIRDS,
                 VotingRule.ABSOLUTE: Threshold.ABSOLUTE}[rule]
    return Rule(threshold=threshold, weighted=heading.conference.card_votes)


def build_order_paper(heading: Heading) -> OrderPaper:
    """The heading's motions ruled in order, each with its amendments ruled in order, and the
    published composite with the CAC's procedural motion when there is one."""
    motions = [
        Motion(key=motion.label, title=motion.title, text=motion.text,
               amendments=tuple(_amendment(a) for a in _in_order(motion.amendments)))
        for motion in _in_order(heading.motions)
    ]
    if not motions:
        raise RuleError("There is nothing to vote on: no motion under this heading is in order.",
                        status=409)
    composite = published_composite(heading)
    if composite is None:
        return OrderPaper(heading=heading.title, motions=tuple(motions),
                          default_rule=conference_rule(heading))
    return OrderPaper(heading=heading.title, motions=tuple(motions),
                      default_rule=conference_rule(heading),
                      composite=_engine_composite(composite),
                      procedural_motion=_procedural_motion(composite, motions))


def published_composite(heading: Heading) -> Composite | None:
    return db.session.execute(
        db.select(Composite).filter_by(heading_id=heading.id,
                                       status=CompositeStatus.PUBLISHED.value)
        .order_by(Composite.published_at.desc()).limit(1)
    ).scalar_one_or_none()


def _engine_composite(composite: Composite):
    # With the amendments submitters sent that the CAC ruled in order, after the CAC's own.
    content = order_paper_content(composite)
    # A conditional group decides what happens next (e.g. when to hold elections): its
    # result goes in the record, not into the text of the document.
    conditional = {group.number for group in content.conditional_groups()}
    return composite_from_compositing(content, key="O", record_only=conditional)


def _procedural_motion(composite: Composite, motions: list[Motion]) -> ProceduralMotion:
    if composite.if_lost == IfLost.NOTHING_FURTHER:
        raise RuleError("The procedure engine takes the original motions when the procedural "
                        "motion is lost; change the composite's 'if lost' setting to that.",
                        status=409)
    supersedes = () if composite.if_carried == IfCarried.ALSO_TAKE_ORIGINALS else tuple(
        motion.key for motion in motions if motion.key in _source_labels(composite))
    return ProceduralMotion(key="CAC", title="The CAC's procedural motion",
                            text=composite.procedural_motion or composite.carried_label,
                            supersedes=supersedes)


def _source_labels(composite: Composite) -> set[str]:
    return {source.label for source in composite.sources}


def _in_order(submissions: list[Submission]) -> list[Submission]:
    return [s for s in submissions if s.is_in_order and not s.is_withdrawn]


def _amendment(amendment: Submission) -> Amendment:
    return Amendment(key=amendment.label, mover=amendment.submitted_by,
                     instruction=amendment.instruction,
                     amendments=tuple(_amendment(a) for a in _in_order(amendment.amendments)))


def problems(heading: Heading) -> list[str]:
    """Amendments that will not apply to the published text, to fix before voting starts."""
    try:
        paper = build_order_paper(heading)
    except RuleError as error:
        return [error.message]
    return [f"Amendment {p.amendment}: {p.message}" for p in amendment_problems(paper)]


def start(heading: Heading, user: User) -> VotingSession:
    if not heading.is_published:
        raise RuleError("Publish the heading before voting on it.", status=409)
    if session_for(heading) is not None:
        raise RuleError("Voting on this heading has already started.", status=409)
    voting = VotingSession(heading=heading, started_by=user,
                           order_paper=json.dumps(order_paper_to_json(build_order_paper(heading))))
    db.session.add(voting)
    db.session.flush()
    record("started voting", "heading", heading.id, heading.title)
    return voting


def session_for(heading: Heading) -> VotingSession | None:
    return db.session.execute(
        db.select(VotingSession).filter_by(heading_id=heading.id)
    ).scalar_one_or_none()


@dataclass
class Live:
    """A voting session as the engine sees it now, with the pending count if any."""

    voting: VotingSession
    engine: Session
    pending: VotingAction | None
    outcome: Outcome | None

    @property
    def version(self) -> int:
        return len(self.voting.actions)

    @property
    def current(self) -> Item | None:
        return self.engine.current

    def question(self) -> Question | None:
        """What the hall is voting on now, as delegates need to read it."""
        return question_for(self.engine, self.current) if self.current else None


@dataclass(frozen=True)
class Question:
    """The words of the current item: a text to read, or an amendment's effect on the text as
    amended so far."""

    caption: str
    text: str = ""
    effect: Effect | None = None


def question_for(engine: Session, item: Item) -> Question:
    paper = engine.paper
    decided = {decision.item: decision for decision in engine.decisions()}
    if item.kind is ItemKind.AMENDMENT and item.amendment is not None:
        amending = paper.amendment_to(item.key)
        if amending is not None:  # an amendment to an amendment: on that one's wording
            parent = amending[0]
            base = amend(parent.instruction, carried_before(parent.amendments, item.amendment,
                                                            decided))
            return Question(f"The amendment's effect on the wording of amendment {parent.key}",
                            effect=effect(base, item.amendment.instruction))
        base = _amended_target(paper, item.target, decided)
        return Question("The amendment's effect on the text as amended so far",
                        effect=effect(base, as_amended(item.amendment, decided).instruction))
    if item.kind is ItemKind.MOTION:
        return Question("The motion as amended", amended_motion_text(paper, item.key, decided))
    if item.kind is ItemKind.RATIFICATION and paper.composite is not None:
        return Question("The document with the options agreed",
                        composite_text(paper.composite, decided))
    if item.kind is ItemKind.PROCEDURAL_MOTION and paper.procedural_motion is not None:
        return Question("The procedural motion", paper.procedural_motion.text)
    return Question("")


def _amended_target(paper: OrderPaper, target: str | None, decided) -> str:
    if paper.composite is not None:
        for section in paper.composite.sections:
            if section.key == target:
                return amended_section(section, decided)
    return amended_motion_text(paper, target, decided)


def live(voting: VotingSession) -> Live:
    paper = order_paper_from_json(voting.paper_data)
    engine = restore(paper, [_event(a) for a in voting.actions if a.action in REPLAYED])
    pending = _pending_count(voting, engine)
    outcome = None
    if pending is not None:
        outcome = _counted(engine, pending.data)
    return Live(voting, engine, pending, outcome)


def _event(action: VotingAction) -> dict[str, Any]:
    return {"item": action.item, **action.data}


def _pending_count(voting: VotingSession, engine: Session) -> VotingAction | None:
    """The last count entered for the current item since anything was last replayed."""
    current = engine.current
    for action in reversed(voting.actions):
        if action.action in REPLAYED:
            return None
        if action.action == "count" and current is not None and action.item == current.key:
            return action
    return None


def _counted(engine: Session, data: dict[str, Any]) -> Outcome:
    if engine.state is State.PENDING:
        engine.open()
    return engine.count(data["votes"], entitled=data.get("entitled"))


def enter_count(state: Live, user: User, votes: Any, entitled: int | None,
                seen_version: int) -> Outcome:
    """A teller's or the chair's count for the current item: checked, kept, not yet declared."""
    item = _check_turn(state, seen_version)
    try:
        outcome = _counted(state.engine, {"votes": votes, "entitled": entitled})
    except (BallotError, SessionError) as error:
        raise RuleError(str(error)) from None
    payload = {"votes": votes} | ({"entitled": entitled} if entitled is not None else {})
    _append(state, user, "count", item.key, payload)
    return outcome


def declare(state: Live, user: User, casting_vote: str | None, seen_version: int) -> None:
    item = _check_turn(state, seen_version)
    if state.pending is None or state.outcome is None:
        raise RuleError("Enter the count before declaring the result.", status=409)
    event: dict[str, Any] = dict(state.pending.data)
    if state.outcome.needs_casting_vote:
        if casting_vote not in state.outcome.tied:
            tied = " or ".join(state.outcome.tied)
            raise RuleError(f"The vote is tied: the chair must give a casting vote ({tied}).")
        event["casting_vote"] = {"choice": casting_vote, "cast_by": user.name}
    _replay_check(state, {"item": item.key, **event})
    _append(state, user, "declare", item.key, event)


def correct(state: Live, user: User, votes: Any, reason: str, casting_vote: str | None,
            seen_version: int) -> None:
    if seen_version != state.version:
        raise _stale()
    item = state.engine.correctable()
    if item is None:
        raise RuleError("There is no declared result that can still be corrected.", status=409)
    if not reason.strip():
        raise RuleError("Say why the result is corrected (e.g. the tellers' recount).")
    _check_length(reason, "The reason")
    correction: dict[str, Any] = {"votes": votes, "reason": reason.strip(), "by": user.name}
    if casting_vote:
        correction["casting_vote"] = {"choice": casting_vote, "cast_by": user.name}
    _replay_check(state, {"item": item.key, "correct": correction})
    _append(state, user, "correct", item.key, {"correct": correction})


def close_without_vote(state: Live, user: User, how: str, why: str, seen_version: int) -> None:
    """Withdraw the current item (`why`: by whom) or remit it (`why`: to which body)."""
    item = _check_turn(state, seen_version)
    if not why.strip():
        missing = "who withdrew it" if how == "withdraw" else "where it is remitted"
        raise RuleError(f"Say {missing}.")
    _check_length(why, "Who withdrew it" if how == "withdraw" else "Where it is remitted")
    _replay_check(state, {"item": item.key, how: why.strip()})
    _append(state, user, how, item.key, {how: why.strip()})


def _check_length(text: str, what: str) -> None:
    if len(text.strip()) > MAX_REASON:
        raise RuleError(f"{what} is {len(text.strip()):,} characters long; the limit is "
                        f"{MAX_REASON:,}. Nothing was recorded.")


def _check_turn(state: Live, seen_version: int) -> Item:
    if seen_version != state.version:
        raise _stale()
    if state.current is None:
        raise RuleError("Voting on this heading is finished.", status=409)
    return state.current


def _stale() -> RuleError:
    return RuleError("Someone else recorded something meanwhile; nothing was saved. Look at "
                     "the current state and try again.", status=409)


def _replay_check(state: Live, event: dict[str, Any]) -> None:
    """Run the input through the engine on a fresh copy first: only what it accepts is kept."""
    paper = order_paper_from_json(state.voting.paper_data)
    replayed = [_event(a) for a in state.voting.actions if a.action in REPLAYED]
    try:
        restore(paper, [*replayed, event])
    except Exception as error:  # the engine's ReplayError/SessionError/BallotError
        raise RuleError(str(error)) from None


def _append(state: Live, user: User, action: str, item: str, payload: dict[str, Any]) -> None:
    state.voting.actions.append(
        VotingAction(seq=state.version + 1, action=action, item=item,
                     payload=json.dumps(payload), recorded_by=user)
    )
    try:
        db.session.flush()
    except IntegrityError:
        # Another tab recorded input number `seq` after this page's look: the unique
        # (session, seq) lets exactly one of them in; this one is told to look again.
        raise _stale() from None
    record(action, "voting", state.voting.id, f"{item}: {json.dumps(payload)}")
    announce(topic(state.voting.heading), state.version)


def topic(heading: Heading) -> str:
    return f"voting:{heading.id}"


def version_of(heading: Heading) -> int:
    """How many inputs the heading's vote has recorded (-1 before it starts): changes with each."""
    count = db.session.execute(
        db.select(func.count(VotingAction.id)).join(VotingSession)
        .where(VotingSession.heading_id == heading.id)
    ).scalar_one()
    started = session_for(heading) is not None
    return count if started else -1


def votes_from_form(item: Item, form, organisations: list[Organisation]) -> tuple[Any, int | None]:
    """Totals typed by the teller, per choice (and per constituency for a dual majority), or
    on a card vote each organisation's card with the weight of its membership."""
    choices = [*item.ballot.choices, "abstain"]
    dual = item.rule.dual
    if item.rule.weighted:
        votes: Any = _cards(form, choices, organisations)
    elif dual is not None:
        votes: Any = {c: _totals(form, choices, f"{c}:") for c in dual.constituencies}
    else:
        votes = _totals(form, choices, "")
    entitled = _number(form, "entitled", "Entitled to vote") if item.rule.threshold is \
        Threshold.ABSOLUTE and item.rule.entitled is None else None
    return votes, entitled


def _cards(form, choices: list[str], organisations: list[Organisation]) -> list[dict[str, Any]]:
    cards = []
    for organisation in organisations:
        choice = form.get(f"card-{organisation.id}", "")
        if not choice:
            continue  # the delegation did not vote
        if choice not in choices:
            raise RuleError(f"{organisation.name}: '{choice}' is not a choice on this ballot.")
        cards.append({"holder": organisation.name, "choice": choice,
                      "weight": organisation.membership})
    if not cards:
        raise RuleError("No card was given: choose each voting delegation's vote.")
    return cards


def _totals(form, choices: list[str], prefix: str) -> dict[str, int]:
    return {choice: _number(form, f"{prefix}{choice}", choice) for choice in choices}


def _number(form, name: str, label: str) -> int:
    """A count as typed: plain digits 0-9 only (str.isdigit would take '²' and '٣'), at most
    MAX_COUNT, so a slip of the keyboard cannot declare a result no hall could cast."""
    raw = (form.get(name) or "0").strip()
    if not ASCII_DIGITS.fullmatch(raw):
        shown = raw if len(raw) <= 20 else raw[:20] + "…"
        raise RuleError(f"'{label}': give a whole number of votes (0 or more) in digits 0-9, "
                        f"not '{shown}'.")
    number = int(raw)
    if number > MAX_COUNT:
        raise RuleError(f"'{label}': {number:,} is more votes than any conference casts; the "
                        f"limit is {MAX_COUNT:,}.")
    return number


def choice_label(choice: str) -> str:
    return {FOR: "For", AGAINST: "Against", "abstain": "Abstain"}.get(choice, choice)


"""Replay a recorded session from JSON: the order paper plus the recorded inputs.

The format is documented in ``procedure/README.md`` ("Replay files"). In short::

    {
      "format": "procedure-session/1",
      "order_paper": {...the heading's order paper...},
      "events": [
        {"item": "CAC", "votes": {"for": 60, "against": 20, "abstain": 3}},
        {"item": "3.2", "votes": {"A": 20, "E": 20, "Neither": 5},
         "casting_vote": {"choice": "E", "cast_by": "Chair (J. Bloggs)"}},
        {"item": "3.2", "correct": {"votes": {...}, "reason": "...", "by": "..."}},
        {"item": "B-2", "withdraw": "withdrawn by Swansea and West Wales LLA"},
        {"item": "M3", "remit": "the Organising Group"}
      ]
    }

Items that need no vote (skipped, fell) are settled by the engine and are not in the file.
Every text field may instead be given as ``<field>_file``: a path relative to the JSON file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from procedure.agreed import AgreedText
from procedure.ballots import BallotError
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
from procedure.record import CastingVote, format_record
from procedure.rules import DEFAULT_RULE, DualMajority, Rule, Threshold
from procedure.session import Session, SessionError

FORMAT = "procedure-session/1"


class ReplayError(ValueError):
    """A replay file that cannot be read or does not fit the order of business."""


class _Reader:
    """Reads one JSON object strictly: unknown keys are errors (they are usually typos)."""

    def __init__(self, data: Any, where: str, base_dir: Path | None) -> None:
        if not isinstance(data, Mapping):
            raise ReplayError(f"{where}: expected an object, got {type(data).__name__}")
        self.data, self.where, self.base_dir = data, where, base_dir
        self.used: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.used.add(key)
        return self.data.get(key, default)

    def string(self, key: str, default: str | None = None) -> str:
        value = self.get(key, default)
        if not isinstance(value, str):
            raise ReplayError(f"{self.where}: {key!r} must be a string")
        return value

    def text(self, key: str) -> str:
        """A text field, inline or from ``<key>_file`` relative to the replay file."""
        path = self.get(f"{key}_file")
        if path is None:
            return self.string(key)
        if key in self.data:
            raise ReplayError(f"{self.where}: give {key!r} or {key + '_file'!r}, not both")
        if self.base_dir is None:
            raise ReplayError(f"{self.where}: {key}_file needs the replay file's folder")
        try:
            return (self.base_dir / str(path)).read_text(encoding="utf-8")
        except OSError as error:
            raise ReplayError(f"{self.where}: cannot read {path}: {error.strerror}") from None

    def items(self, key: str) -> list[Any]:
        value = self.get(key, [])
        if not isinstance(value, list):
            raise ReplayError(f"{self.where}: {key!r} must be a list")
        return value

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise ReplayError(f"{self.where}: unknown field(s) {', '.join(unknown)}")


def rule_from_json(data: Any, where: str) -> Rule:
    reader = _Reader(data, where, None)
    try:
        threshold = Threshold(reader.get("threshold", "simple"))
    except ValueError:
        choices = ", ".join(t.value for t in Threshold)
        raise ReplayError(f"{where}: threshold must be one of {choices}") from None
    dual = None
    if (dual_data := reader.get("dual")) is not None:
        dual_reader = _Reader(dual_data, f"{where}.dual", None)
        constituencies = dual_reader.items("constituencies")
        refer_to = dual_reader.string("refer_to")
        dual_reader.done()
        if len(constituencies) != 2:
            raise ReplayError(f"{where}.dual: exactly two constituencies, got {constituencies}")
        dual = DualMajority((str(constituencies[0]), str(constituencies[1])), refer_to)
    weighted = reader.get("weighted", False)
    entitled = reader.get("entitled")
    reader.done()
    if not isinstance(weighted, bool):
        raise ReplayError(f"{where}: weighted must be true or false")
    if entitled is not None and (isinstance(entitled, bool) or not isinstance(entitled, int)):
        raise ReplayError(f"{where}: entitled must be a whole number")
    try:
        return Rule(threshold, weighted, entitled, dual)
    except BallotError as error:
        raise ReplayError(f"{where}: {error}") from None


def _optional_rule(reader: _Reader, key: str = "rule") -> Rule | None:
    data = reader.get(key)
    return None if data is None else rule_from_json(data, f"{reader.where}.{key}")


def _amendment(data: Any, where: str, base_dir: Path | None) -> Amendment:
    reader = _Reader(data, where, base_dir)
    amendment = Amendment(
        key=reader.string("key"),
        mover=reader.string("mover", ""),
        instruction=reader.text("instruction"),
        rule=_optional_rule(reader),
        amendments=tuple(
            _amendment(a, f"{where}.amendments[{n}]", base_dir)
            for n, a in enumerate(reader.items("amendments"))
        ),
    )
    reader.done()
    return amendment


def _group(data: Any, where: str, base_dir: Path | None) -> OptionGroup:
    reader = _Reader(data, where, base_dir)
    try:
        kind = GroupKind(reader.string("kind"))
    except ValueError:
        kinds = ", ".join(k.value for k in GroupKind)
        raise ReplayError(f"{where}: kind must be one of {kinds}") from None
    options = []
    for n, option_data in enumerate(reader.items("options")):
        option_reader = _Reader(option_data, f"{where}.options[{n}]", base_dir)
        options.append(
            Option(
                key=option_reader.string("key"),
                text=option_reader.text("text"),
                attribution=option_reader.string("attribution", ""),
            )
        )
        option_reader.done()
    condition = None
    if (condition_data := reader.get("condition")) is not None:
        condition_reader = _Reader(condition_data, f"{where}.condition", None)
        condition = Condition(
            group=condition_reader.string("group"),
            options=tuple(str(key) for key in condition_reader.items("options")),
        )
        condition_reader.done()
    enters_text = reader.get("enters_text", True)
    if not isinstance(enters_text, bool):
        raise ReplayError(f"{where}: enters_text must be true or false")
    group = OptionGroup(
        key=reader.string("key"),
        title=reader.string("title", ""),
        kind=kind,
        options=tuple(options),
        condition=condition,
        preamble=reader.string("preamble", ""),
        enters_text=enters_text,
        rule=_optional_rule(reader),
    )
    reader.done()
    return group


def _section(data: Any, where: str, base_dir: Path | None) -> Section:
    reader = _Reader(data, where, base_dir)
    section = Section(
        key=reader.string("key"),
        heading=reader.string("heading"),
        common_ground=reader.text("common_ground"),
        amendments=tuple(
            _amendment(a, f"{where}.amendments[{n}]", base_dir)
            for n, a in enumerate(reader.items("amendments"))
        ),
        groups=tuple(
            _group(g, f"{where}.groups[{n}]", base_dir)
            for n, g in enumerate(reader.items("groups"))
        ),
    )
    reader.done()
    return section


def _motion(data: Any, where: str, base_dir: Path | None) -> Motion:
    reader = _Reader(data, where, base_dir)
    motion = Motion(
        key=reader.string("key"),
        title=reader.string("title"),
        text=reader.text("text"),
        amendments=tuple(
            _amendment(a, f"{where}.amendments[{n}]", base_dir)
            for n, a in enumerate(reader.items("amendments"))
        ),
        rule=_optional_rule(reader),
    )
    reader.done()
    return motion


def order_paper_from_json(data: Any, base_dir: Path | None = None) -> OrderPaper:
    """An :class:`OrderPaper` from its JSON form (see procedure/README.md)."""
    reader = _Reader(data, "order_paper", base_dir)
    procedural = None
    if (pm_data := reader.get("procedural_motion")) is not None:
        pm = _Reader(pm_data, "order_paper.procedural_motion", base_dir)
        procedural = ProceduralMotion(
            key=pm.string("key"),
            title=pm.string("title"),
            text=pm.text("text"),
            supersedes=tuple(str(key) for key in pm.items("supersedes")),
            rule=_optional_rule(pm),
            against_each_other_rule=_optional_rule(pm, "against_each_other_rule"),
        )
        pm.done()
    composite = None
    if (composite_data := reader.get("composite")) is not None:
        cr = _Reader(composite_data, "order_paper.composite", base_dir)
        composite = Composite(
            key=cr.string("key"),
            title=cr.string("title"),
            sections=tuple(
                _section(s, f"order_paper.composite.sections[{n}]", base_dir)
                for n, s in enumerate(cr.items("sections"))
            ),
            ratification_rule=_optional_rule(cr, "ratification_rule"),
        )
        cr.done()
    motions = tuple(
        _motion(m, f"order_paper.motions[{n}]", base_dir)
        for n, m in enumerate(reader.items("motions"))
    )
    default_rule = _optional_rule(reader, "default_rule") or DEFAULT_RULE
    heading = reader.string("heading")
    reader.done()
    try:
        return OrderPaper(heading, motions, composite, procedural, default_rule)
    except OrderPaperError as error:
        raise ReplayError(f"order_paper: {error}") from None


def rule_to_json(rule: Rule) -> dict[str, Any]:
    data: dict[str, Any] = {"threshold": str(rule.threshold)}
    if rule.weighted:
        data["weighted"] = True
    if rule.entitled is not None:
        data["entitled"] = rule.entitled
    if rule.dual is not None:
        data["dual"] = {
            "constituencies": list(rule.dual.constituencies),
            "refer_to": rule.dual.refer_to,
        }
    return data


def _with_rule(data: dict[str, Any], rule: Rule | None, key: str = "rule") -> dict[str, Any]:
    if rule is not None:
        data[key] = rule_to_json(rule)
    return data


def _amendment_to_json(amendment: Amendment) -> dict[str, Any]:
    data = {"key": amendment.key, "mover": amendment.mover, "instruction": amendment.instruction}
    if amendment.amendments:
        data["amendments"] = [_amendment_to_json(a) for a in amendment.amendments]
    return _with_rule(data, amendment.rule)


def _group_to_json(group: OptionGroup) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": group.key,
        "title": group.title,
        "kind": str(group.kind),
        "options": [
            {"key": option.key, "text": option.text, "attribution": option.attribution}
            for option in group.options
        ],
        "preamble": group.preamble,
        "enters_text": group.enters_text,
    }
    if group.condition is not None:
        data["condition"] = {
            "group": group.condition.group,
            "options": list(group.condition.options),
        }
    return _with_rule(data, group.rule)


def order_paper_to_json(paper: OrderPaper) -> dict[str, Any]:
    """The JSON form of an order paper, texts inline: ``order_paper_from_json`` reads it back
    to an equal order paper (to store a snapshot of what a session was run on)."""
    data: dict[str, Any] = {
        "heading": paper.heading,
        "default_rule": rule_to_json(paper.default_rule),
    }
    procedural = paper.procedural_motion
    if procedural is not None:
        data["procedural_motion"] = _with_rule(
            _with_rule(
                {
                    "key": procedural.key,
                    "title": procedural.title,
                    "text": procedural.text,
                    "supersedes": list(procedural.supersedes),
                },
                procedural.rule,
            ),
            procedural.against_each_other_rule,
            "against_each_other_rule",
        )
    composite = paper.composite
    if composite is not None:
        data["composite"] = _with_rule(
            {
                "key": composite.key,
                "title": composite.title,
                "sections": [
                    {
                        "key": section.key,
                        "heading": section.heading,
                        "common_ground": section.common_ground,
                        "amendments": [_amendment_to_json(a) for a in section.amendments],
                        "groups": [_group_to_json(g) for g in section.groups],
                    }
                    for section in composite.sections
                ],
            },
            composite.ratification_rule,
            "ratification_rule",
        )
    data["motions"] = [
        _with_rule(
            {
                "key": motion.key,
                "title": motion.title,
                "text": motion.text,
                "amendments": [_amendment_to_json(a) for a in motion.amendments],
            },
            motion.rule,
        )
        for motion in paper.motions
    ]
    return data


def restore(paper: OrderPaper, events: Any) -> Session:
    """A session rebuilt from its recorded inputs (``Session.events``), e.g. after a restart."""
    if not isinstance(events, list):
        raise ReplayError("events must be a list")
    session = Session(paper)
    for n, event in enumerate(events):
        item = event.get("item") if isinstance(event, Mapping) else None
        apply_event(session, event, f"events[{n}] ({item})")
    return session


def _casting(data: Any, where: str) -> CastingVote | None:
    if data is None:
        return None
    reader = _Reader(data, where, None)
    vote = CastingVote(reader.string("choice"), reader.string("cast_by"))
    reader.done()
    return vote


def apply_event(session: Session, event: Any, where: str) -> None:
    """Apply one recorded input to a session (the inverse of ``Session.events``)."""
    reader = _Reader(event, where, None)
    key = reader.string("item")
    actions = [name for name in ("votes", "correct", "withdraw", "remit") if name in reader.data]
    if len(actions) != 1:
        raise ReplayError(f"{where}: give exactly one of votes, correct, withdraw, remit")
    action = actions[0]
    try:
        if action == "votes":
            votes = reader.get("votes")
            entitled = reader.get("entitled")
            casting = _casting(reader.get("casting_vote"), f"{where}.casting_vote")
            reader.done()
            session.open(key)
            counted = session.count(votes, entitled=entitled)
            if counted.needs_casting_vote and casting is None:
                raise ReplayError(
                    f"{where}: {key!r} is tied ({counted.explanation}); "
                    "the file must give the chair's casting_vote"
                )
            if casting is not None:
                session.cast_vote(casting.choice, casting.cast_by)
            session.declare()
        elif action == "correct":
            correction = _Reader(reader.get("correct"), f"{where}.correct", None)
            reader.done()
            session.correct(
                correction.get("votes"),
                reason=correction.string("reason"),
                corrected_by=correction.string("by"),
                entitled=correction.get("entitled"),
                casting_vote=_casting(correction.get("casting_vote"), f"{where}.casting_vote"),
                key=key,
            )
            correction.done()
        elif action == "withdraw":
            reason = reader.string("withdraw")
            reader.done()
            session.withdraw(reason, key=key)
        else:
            body = reader.string("remit")
            reader.done()
            session.remit(body, key=key)
    except (SessionError, BallotError) as error:
        raise ReplayError(f"{where}: {error}") from None


@dataclass(frozen=True)
class Replayed:
    session: Session
    agreed: AgreedText

    @property
    def text(self) -> str:
        return self.agreed.text

    def report(self) -> str:
        """The agreed text and the record of decisions, as the CLI prints them."""
        return format_report(self.session, self.agreed)


def _underlined(title: str, rule: str) -> list[str]:
    return [title, rule * len(title), ""]


def format_report(session: Session, agreed: AgreedText) -> str:
    """Plain text: each agreed document (with its status), then the record of decisions."""
    heading = session.paper.heading
    lines = _underlined(f"AGREED TEXT: {heading}", "=")
    if not agreed.documents:
        lines.extend(["(nothing agreed)", ""])
    for document in agreed.documents:
        status = "agreed" if document.final else "provisional: not yet ratified"
        lines.extend(_underlined(f"{document.title} ({status})", "-"))
        lines.extend([document.text.rstrip(), ""])
    lines.append("")
    lines.extend(_underlined(f"RECORD OF DECISIONS: {heading}", "="))
    lines.append(format_record(agreed.record).rstrip() if agreed.record else "(no decisions yet)")
    if not session.finished:
        assert session.current is not None
        lines.extend(
            ["", f"Not finished: the next item is {session.current.key}: {session.current.title}"]
        )
    return "\n".join(lines) + "\n"


def _session_order_paper(reader: _Reader, base_dir: Path | None) -> OrderPaper:
    """The order paper inline, or from ``order_paper_file`` (so that several recorded
    sessions can share one order paper); its own ``*_file`` paths are relative to it."""
    path = reader.get("order_paper_file")
    if path is None:
        if "order_paper" not in reader.data:
            raise ReplayError("session file: give order_paper or order_paper_file")
        return order_paper_from_json(reader.get("order_paper"), base_dir)
    if "order_paper" in reader.data:
        raise ReplayError("session file: give order_paper or order_paper_file, not both")
    if base_dir is None:
        raise ReplayError("session file: order_paper_file needs the session file's folder")
    paper_path = base_dir / str(path)
    return order_paper_from_json(_load_json(paper_path), paper_path.parent)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReplayError(f"cannot read {path}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise ReplayError(f"{path} is not valid JSON: {error}") from None


def replay(data: Any, base_dir: Path | None = None) -> Replayed:
    """Replay a session given as parsed JSON; ``base_dir`` resolves ``*_file`` paths."""
    reader = _Reader(data, "session file", base_dir)
    declared_format = reader.get("format", FORMAT)
    if declared_format != FORMAT:
        raise ReplayError(f"session file: format {declared_format!r} is not {FORMAT!r}")
    paper = _session_order_paper(reader, base_dir)
    events = reader.items("events")
    reader.done()
    try:
        session = restore(paper, events)
    except OrderPaperError as error:
        raise ReplayError(str(error)) from None
    return Replayed(session, session.agreed())


def replay_file(path: str | Path) -> Replayed:
    """Load a session JSON file, replay it, and return the session and agreed text."""
    path = Path(path)
    return replay(_load_json(path), path.parent)

"""The agreed text, derived from the results — never typed.

- A composite: for each section, its heading and common ground with the carried amendments
  applied (by the amendment engine, in order-paper order), followed by the options agreed in
  each of its groups (the winner of a group taken against each other unless "Neither" won; each
  carried option of a group voted option by option). Groups marked ``enters_text=False`` (e.g.
  when to hold elections) are decisions for the record only.
- A motion: its text with its carried amendments applied.

An amendment *falls* when its words are no longer there: :func:`fall_reason` applies it to the
text as amended so far and, if the amendment engine cannot find its words, names the earlier
carried amendment that removed them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from compositing import AmendmentError, apply_amendment, apply_in_turn, parse_amendment
from procedure.ballots import NEITHER
from procedure.model import (
    Amendment,
    Composite,
    GroupKind,
    Option,
    OptionGroup,
    OrderPaper,
    Section,
)
from procedure.order import (
    against_each_other_key,
    option_key,
    ratification_key,
)
from procedure.record import Decision
from procedure.rules import Result


def section_text(section: Section) -> str:
    """The amendable text of a section: its heading (so "amend section 1 as follows" and a
    change to the heading's words both work) and its common ground."""
    return f"# {section.heading}\n\n{section.common_ground.strip()}\n"


def amend(text: str, amendments: Sequence[Amendment]) -> str:
    """``text`` with ``amendments`` applied in order, each to the text as already amended and
    naming clauses by their published numbers (compositing.apply_in_turn renumbers at the
    end)."""
    return apply_in_turn(text, [parse_amendment(a.instruction) for a in amendments])


def fall_reason(base: str, carried: Sequence[Amendment], amendment: Amendment) -> str | None:
    """None if ``amendment`` applies to ``base`` as amended by ``carried``; otherwise why it
    falls, naming the carried amendment that removed its words when there is one."""
    try:
        amend(base, [*carried, amendment])
        return None
    except AmendmentError as error:
        failure = str(error)
    # Find the first carried amendment after which this one no longer applies.
    try:
        apply_amendment(base, amendment.instruction)
    except AmendmentError as error:
        return f"it does not apply to the text as published: {error}"
    for count, earlier in enumerate(carried, start=1):
        try:
            amend(base, [*carried[:count], amendment])
        except AmendmentError:
            return f"its words were deleted by amendment {earlier.label}: {failure}"
    return f"it no longer applies: {failure}"  # pragma: no cover - the loop always finds one


@dataclass(frozen=True)
class AmendmentProblem:
    amendment: str
    target: str
    message: str


def amendment_problems(paper: OrderPaper) -> list[AmendmentProblem]:
    """Amendments that do not apply to the text as published, with the amendment engine's
    message: for the CAC to fix before the session (in a session they would fall at once)."""
    targets: list[tuple[str, str, Sequence[Amendment]]] = []
    if paper.composite is not None:
        targets.extend(
            (section.key, section_text(section), section.amendments)
            for section in paper.composite.sections
        )
    targets.extend((motion.key, motion.text, motion.amendments) for motion in paper.motions)
    problems = []
    for target, text, amendments in targets:
        for amendment in amendments:
            try:
                apply_amendment(text, amendment.instruction)
            except AmendmentError as error:
                problems.append(AmendmentProblem(amendment.key, target, str(error)))
    return problems


def _carried(amendments: Sequence[Amendment], decisions: Mapping[str, Decision]) -> list[Amendment]:
    return [
        as_amended(amendment, decisions)
        for amendment in amendments
        if amendment.key in decisions and decisions[amendment.key].result is Result.CARRIED
    ]


def as_amended(amendment: Amendment, decisions: Mapping[str, Decision]) -> Amendment:
    """The amendment with the amendments to it that were carried applied to its wording."""
    if not amendment.amendments:
        return amendment
    carried = _carried(amendment.amendments, decisions)
    return replace(amendment, instruction=amend(amendment.instruction, carried))


def carried_before(
    amendments: Sequence[Amendment], amendment: Amendment, decisions: Mapping[str, Decision]
) -> list[Amendment]:
    """The carried amendments taken before ``amendment`` on the same text."""
    earlier = list(amendments[: amendments.index(amendment)])
    return _carried(earlier, decisions)


def agreed_options(group: OptionGroup, decisions: Mapping[str, Decision]) -> list[Option]:
    if group.kind is GroupKind.FOR_OR_AGAINST_EACH:
        return [
            option
            for option in group.options
            if (decision := decisions.get(option_key(group, option))) is not None
            and decision.result is Result.CARRIED
        ]
    decision = decisions.get(group.key)
    if decision is None or decision.result is not Result.CARRIED or decision.winner is None:
        return []
    if decision.winner == NEITHER:
        return []
    return [group.option(decision.winner)]


def amended_section(section: Section, decisions: Mapping[str, Decision]) -> str:
    return amend(section_text(section), _carried(section.amendments, decisions))


def composite_text(composite: Composite, decisions: Mapping[str, Decision]) -> str:
    """The composite as it stands on these results (final once ratified)."""
    blocks: list[str] = []
    for section in composite.sections:
        blocks.append(amended_section(section, decisions).strip())
        for group in section.groups:
            if group.enters_text:
                blocks.extend(option.text.strip() for option in agreed_options(group, decisions))
    return "\n\n".join(blocks) + "\n"


def amended_motion_text(paper: OrderPaper, key: str, decisions: Mapping[str, Decision]) -> str:
    motion = paper.motion(key)
    text = motion.text if motion.text.endswith("\n") else motion.text + "\n"
    return amend(text, _carried(motion.amendments, decisions))


@dataclass(frozen=True)
class AgreedDocument:
    key: str
    title: str
    text: str
    # False while the document is still being voted on (before ratification).
    final: bool


@dataclass(frozen=True)
class AgreedText:
    documents: tuple[AgreedDocument, ...]
    record: tuple[Decision, ...]

    @property
    def text(self) -> str:
        """The agreed documents as one Markdown text (a single document is given as it is)."""
        if len(self.documents) == 1:
            return self.documents[0].text
        return "\n".join(f"# {document.title}\n\n{document.text}" for document in self.documents)


def agreed_documents(paper: OrderPaper, decisions: Mapping[str, Decision]) -> list[AgreedDocument]:
    documents: list[AgreedDocument] = []
    procedural = paper.procedural_motion
    composite_taken = procedural is None or (
        procedural.key in decisions and decisions[procedural.key].result is Result.CARRIED
    )
    composite = paper.composite
    if composite is not None and composite_taken:
        ratified = decisions.get(ratification_key(composite))
        if ratified is None:
            text = composite_text(composite, decisions)
            documents.append(AgreedDocument(composite.key, composite.title, text, final=False))
        elif ratified.result is Result.CARRIED:
            text = composite_text(composite, decisions)
            documents.append(AgreedDocument(composite.key, composite.title, text, final=True))
    if procedural is not None:
        chosen = decisions.get(against_each_other_key(procedural))
        if chosen is not None and chosen.result is Result.CARRIED and chosen.winner is not None:
            motion = paper.motion(chosen.winner)
            text = amended_motion_text(paper, motion.key, decisions)
            documents.append(AgreedDocument(motion.key, motion.title, text, final=True))
    superseded = set(procedural.supersedes) if procedural is not None else set()
    for motion in paper.motions:
        if motion.key in superseded:
            continue
        decision = decisions.get(motion.key)
        if decision is not None and decision.result is Result.CARRIED:
            text = amended_motion_text(paper, motion.key, decisions)
            documents.append(AgreedDocument(motion.key, motion.title, text, final=True))
    return documents

"""A composite as order-paper Markdown, and as plain data (JSON-ready) for storage.

The Markdown reads like the CAC's published composite: numbered sections, common ground, each
amendment with its instructions, options with their attribution, and each group's procedural
note generated from its kind. :func:`compositing.composite_import.import_composite` reads it
back.
"""

from __future__ import annotations

from typing import Any

from compositing.composite import (
    AMENDMENT_PROCEDURAL_NOTE,
    PROCEDURAL_NOTES,
    CommonGround,
    Composite,
    CompositeAmendment,
    CompositeSection,
    Condition,
    GroupKind,
    Option,
    OptionGroup,
    Source,
)


def composite_to_markdown(composite: Composite) -> str:
    """The composite as it is printed on the order paper (Markdown)."""
    parts: list[str] = [f"# {composite.title}"]
    if composite.preamble:
        parts.append(composite.preamble)
    for section in composite.sections:
        parts.append(f"## {section.number}) {section.title}")
        common = section.common_ground
        if common is not None:
            parts.append(f"### {common.number} Common ground:")
            if common.text:
                parts.append(common.text)
            for amendment in common.amendments:
                parts.extend(_amendment_parts(amendment))
        for group in section.groups:
            parts.extend(_group_parts(group))
    return "\n\n".join(parts) + "\n"


def _amendment_parts(amendment: CompositeAmendment) -> list[str]:
    parts = [f"Amendment from {amendment.mover}:"]
    if amendment.supporting_text:
        parts.append(amendment.supporting_text)
    parts.append(amendment.instruction)
    parts.append(f"Procedural note: {amendment.procedural_note}")
    return parts


def _group_parts(group: OptionGroup) -> list[str]:
    parts: list[str] = []
    if group.condition is not None:
        parts.append(f"Procedural note: {group.condition.describe()}:")
    else:
        title = "" if group.title == "Differences" else f": {group.title}"
        heading = "Differences:" if not title else f"Difference{title}"
        parts.append(f"### {group.number} {heading}")
    if group.intro:
        parts.append(group.intro)
    note = f"Procedural note: {PROCEDURAL_NOTES[group.kind]}"
    each = group.kind is GroupKind.FOR_OR_AGAINST_EACH
    for option in group.options:
        parts.append(f"Option {option.label}:")
        if option.sub_options:
            if option.text:
                parts.append(option.text)
            for sub in option.sub_options:
                parts.append(_with_attribution(f"{sub.label}. {sub.text}", sub))
                parts.append(note)
            continue
        parts.append(_with_attribution(option.text, option))
        if each:
            parts.append(note)
    if not each:
        parts.append(note)
    return parts


def _with_attribution(text: str, option: Option) -> str:
    return f"{text} {option.attribution_text}" if option.attribution else text


# --- plain data -------------------------------------------------------------------------------


def composite_to_dict(composite: Composite) -> dict[str, Any]:
    """Plain data (str, list, dict, int, None) that :func:`composite_from_dict` reads back."""
    return {
        "title": composite.title,
        "preamble": composite.preamble,
        "sections": [_section_to_dict(section) for section in composite.sections],
        "left_out": [
            {"motion": motion, "index": index, "reason": reason}
            for (motion, index), reason in composite.left_out.items()
        ],
    }


def _section_to_dict(section: CompositeSection) -> dict[str, Any]:
    common = section.common_ground
    return {
        "number": section.number,
        "title": section.title,
        "common_ground": None
        if common is None
        else {
            "number": common.number,
            "text": common.text,
            "sources": [_source_to_dict(source) for source in common.sources],
            "amendments": [
                {
                    "mover": amendment.mover,
                    "instruction": amendment.instruction,
                    "supporting_text": amendment.supporting_text,
                    "procedural_note": amendment.procedural_note,
                }
                for amendment in common.amendments
            ],
        },
        "groups": [_group_to_dict(group) for group in section.groups],
    }


def _group_to_dict(group: OptionGroup) -> dict[str, Any]:
    condition = group.condition
    return {
        "number": group.number,
        "title": group.title,
        "kind": group.kind.value,
        "intro": group.intro,
        "condition": None
        if condition is None
        else {"group": condition.group, "options": list(condition.options)},
        "options": [_option_to_dict(option) for option in group.options],
    }


def _option_to_dict(option: Option) -> dict[str, Any]:
    return {
        "label": option.label,
        "text": option.text,
        "attribution": list(option.attribution),
        "sources": [_source_to_dict(source) for source in option.sources],
        "sub_options": [_option_to_dict(sub) for sub in option.sub_options],
    }


def _source_to_dict(source: Source) -> dict[str, Any]:
    return {"motion": source.motion, "index": source.index, "wording": source.wording}


def composite_from_dict(data: dict[str, Any]) -> Composite:
    """The composite that :func:`composite_to_dict` gave ``data`` for."""
    return Composite(
        title=data["title"],
        preamble=data.get("preamble", ""),
        sections=[_section_from_dict(section) for section in data["sections"]],
        left_out={(item["motion"], item["index"]): item["reason"] for item in data["left_out"]},
    )


def _section_from_dict(data: dict[str, Any]) -> CompositeSection:
    common = data["common_ground"]
    return CompositeSection(
        number=data["number"],
        title=data["title"],
        common_ground=None
        if common is None
        else CommonGround(
            number=common["number"],
            text=common["text"],
            sources=[_source_from_dict(source) for source in common["sources"]],
            amendments=[
                CompositeAmendment(
                    amendment["mover"],
                    amendment["instruction"],
                    amendment.get("supporting_text", ""),
                    amendment.get("procedural_note", AMENDMENT_PROCEDURAL_NOTE),
                )
                for amendment in common["amendments"]
            ],
        ),
        groups=[_group_from_dict(group) for group in data["groups"]],
    )


def _group_from_dict(data: dict[str, Any]) -> OptionGroup:
    condition = data.get("condition")
    return OptionGroup(
        number=data["number"],
        title=data["title"],
        kind=GroupKind(data["kind"]),
        options=[_option_from_dict(option) for option in data["options"]],
        intro=data.get("intro", ""),
        condition=None
        if condition is None
        else Condition(condition["group"], list(condition["options"])),
    )


def _option_from_dict(data: dict[str, Any]) -> Option:
    return Option(
        label=data["label"],
        text=data["text"],
        attribution=list(data.get("attribution", [])),
        sources=[_source_from_dict(source) for source in data.get("sources", [])],
        sub_options=[_option_from_dict(sub) for sub in data.get("sub_options", [])],
    )


def _source_from_dict(data: dict[str, Any]) -> Source:
    return Source(data["motion"], int(data["index"]), data.get("wording", ""))

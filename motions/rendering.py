"""Markdown to HTML for user text: raw HTML is never passed through."""

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str | None) -> Markup:
    return Markup(_md.render(text or ""))



@dataclass(frozen=True)
class RenderedBlock:
    """One top-level block of a Markdown text: a paragraph, a heading, a list, ..."""

    source: str  # the lines of Markdown it came from
    html: Markup  # as rendered in the whole text
    text: str  # what a reader sees: its words, list numbers and line breaks, no Markdown marks
    kind: str  # "heading", "list" or "prose"


def render_blocks(text: str | None) -> list[RenderedBlock]:
    """Each top-level block of the Markdown, from one parse."""
    env: dict = {}
    tokens = _md.parse(text or "", env)
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[RenderedBlock] = []
    start = 0
    for end, token in enumerate(tokens, start=1):
        if token.level == 0 and token.nesting <= 0:  # a top-level block ends here
            own = tokens[start:end]
            first = own[0].map or [0, 0]
            blocks.append(RenderedBlock(
                "\n".join(lines[first[0]:first[1]]),
                Markup(_md.renderer.render(own, _md.options, env)),
                _visible_text(own), _KINDS.get(own[0].type, "prose")))
            start = end
    return blocks


_KINDS = {"heading_open": "heading", "bullet_list_open": "list", "ordered_list_open": "list"}


def _visible_text(tokens: list) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type == "list_item_open":
            parts.append(f"{token.info}{token.markup} " if token.info else "• ")
        elif token.type == "inline":
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                else:
                    parts.append(child.content if child.type in ("text", "code_inline", "image")
                                 else "")
        elif token.type in ("code_block", "fence"):
            parts.append(token.content)
        elif token.type in ("heading_close", "list_item_close") or (
                token.type == "paragraph_close" and not token.hidden):  # tight lists hide it
            parts.append("\n")
    return "".join(parts).strip()

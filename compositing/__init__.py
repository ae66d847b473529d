"""Pure-Python engines for motions: text model, amendment instructions, diffs, composites."""

from compositing.text import Line, numbered_lines, to_markdown

__all__ = ["Line", "numbered_lines", "to_markdown"]

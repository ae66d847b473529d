"""Pure-Python engines for motions: text model, amendment instructions, diffs, composites."""

from compositing.align import align_clauses
from compositing.text import Line, numbered_lines, to_markdown

__all__ = ["Line", "align_clauses", "numbered_lines", "to_markdown"]

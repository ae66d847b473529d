"""Pure-Python engines for motions: text model, amendment instructions, diffs, composites."""

from compositing.align import align_clauses
from compositing.composite import (
    ClauseCoverage,
    CommonGround,
    CommonPoint,
    Composite,
    CompositeAmendment,
    CompositeSection,
    Condition,
    CoverageStatus,
    DraftComposite,
    GroupKind,
    Option,
    OptionGroup,
    Source,
    coverage,
    draft_composite,
    unaccounted_clauses,
)
from compositing.text import Line, numbered_lines, to_markdown

__all__ = [
    "ClauseCoverage",
    "CommonGround",
    "CommonPoint",
    "Composite",
    "CompositeAmendment",
    "Condition",
    "CoverageStatus",
    "DraftComposite",
    "GroupKind",
    "Option",
    "OptionGroup",
    "CompositeSection",
    "Source",
    "coverage",
    "draft_composite",
    "unaccounted_clauses",
    "Line",
    "align_clauses",
    "numbered_lines",
    "to_markdown",
]

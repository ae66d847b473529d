"""Pure-Python engines for motions: text model, amendment instructions, diffs, composites."""

from compositing.align import align_clauses
from compositing.apply import apply_amendment, apply_in_turn
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
from compositing.composite_import import CompositeImportError, import_composite
from compositing.describe import describe_change
from compositing.diffs import (
    DiffLine,
    Op,
    diff_html,
    numbered_diff,
    numbered_diff_text,
    word_diff,
)
from compositing.errors import AmendmentError
from compositing.operations import Amendment, Operation
from compositing.reader import parse_amendment
from compositing.sequence import SequenceResult, Step, apply_in_order
from compositing.text import Line, numbered_lines, to_markdown

__all__ = [
    "Amendment",
    "AmendmentError",
    "Operation",
    "SequenceResult",
    "Step",
    "apply_amendment",
    "apply_in_turn",
    "apply_in_order",
    "describe_change",
    "DiffLine",
    "Op",
    "diff_html",
    "numbered_diff",
    "numbered_diff_text",
    "word_diff",
    "parse_amendment",
    "ClauseCoverage",
    "CommonGround",
    "CommonPoint",
    "Composite",
    "CompositeAmendment",
    "CompositeImportError",
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
    "import_composite",
    "unaccounted_clauses",
    "Line",
    "align_clauses",
    "numbered_lines",
    "to_markdown",
]

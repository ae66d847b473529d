"""The amendment engine's reading of instructions: :func:`parse_amendment`.

The reading itself lives in :mod:`compositing.reader` (layout pass, grammar, typed operations in
:mod:`compositing.operations`); this module is its stable public name.
"""

from __future__ import annotations

from compositing.operations import Amendment, Operation
from compositing.reader import read_amendment

__all__ = ["Amendment", "Operation", "parse_amendment"]


def parse_amendment(instruction: str) -> Amendment:
    """Read an amendment (one or several instructions, with the words around them) into
    operations, in the order written. Raises :class:`~compositing.errors.AmendmentError` with
    a message that quotes the part it cannot read."""
    return read_amendment(instruction)

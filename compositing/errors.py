"""Errors of the amendment engine: each message says what to change so the amendment applies."""

from __future__ import annotations


class AmendmentError(ValueError):
    """An amendment that cannot be applied exactly as written.

    ``part`` is the piece of the instruction at fault, as written, when there is one.
    """

    def __init__(self, message: str, part: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.part = part


class NotUnderstood(AmendmentError):
    """Some words of the instruction do not form an instruction the engine can read."""


class AnchorNotFound(AmendmentError):
    """Quoted words that are not in the text (or not where the instruction says)."""


class AmbiguousAnchor(AmendmentError):
    """Quoted words, or a label, found in more than one place."""


class ClauseNotFound(AmendmentError):
    """A point, paragraph, section, sentence or line that the text does not have."""


class OverlappingChanges(AmendmentError):
    """Two changes in one amendment touch the same words."""

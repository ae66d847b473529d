"""Finding quoted words in a text as a reader does: one home for the rule.

Straight and curly quotes, apostrophes and dashes are alike, any run of spaces is one space,
and a quotation that starts or ends with a letter matches whole words only ("council" is not
found in "councillor"). A case-blind search is the caller's second try, when nothing matches
exactly.

The search folds the text once (cached) and looks for the folded words with ``str.find``, which
is linear in the text whatever the words are: no pattern is compiled from what an amendment
quotes, so no quotation of any length or make-up can make a search slow.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

__all__ = ["comparable", "find_all", "starts_at"]

_FOLD = str.maketrans(
    {"‘": "'", "’": "'", "`": "'", "“": '"', "”": '"', "„": '"', "‐": "-", "‑": "-", "–": "-",
     "—": "-", "\u00a0": " "}
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def comparable(text: str) -> str:
    """Text as a reader compares it: quotes, dashes and spacing alike, case ignored."""
    return " ".join(text.translate(_FOLD).split()).strip().lower()


class _Folded:
    """A text folded for searching, with the way back to the text's own offsets: the folded
    text is a run of segments, each either copied (same length) or a run of spaces folded to
    one."""

    __slots__ = ("folded", "folded_starts", "original_starts", "spaces", "identity")

    def __init__(self, text: str, ignore_case: bool) -> None:
        translated = text.translate(_FOLD)
        if ignore_case:
            lowered = translated.lower()
            translated = lowered if len(lowered) == len(translated) else translated
        pieces: list[str] = []
        self.folded_starts: list[int] = []
        self.original_starts: list[int] = []
        self.spaces: list[bool] = []
        folded_at = original_at = 0

        def segment(piece: str, original: int, space: bool) -> None:
            nonlocal folded_at
            pieces.append(piece)
            self.folded_starts.append(folded_at)
            self.original_starts.append(original)
            self.spaces.append(space)
            folded_at += len(piece)

        for match in _SPACES.finditer(translated):
            if match.start() > original_at:
                segment(translated[original_at : match.start()], original_at, False)
            segment(" ", match.start(), True)
            original_at = match.end()
        if original_at < len(translated) or not pieces:
            segment(translated[original_at:], original_at, False)
        self.folded = "".join(pieces)
        self.identity = self.folded == text

    def to_original(self, position: int) -> int:
        index = bisect_right(self.folded_starts, position) - 1
        return self.original_starts[index] + position - self.folded_starts[index]

    def to_folded(self, position: int) -> int:
        index = max(0, bisect_right(self.original_starts, position) - 1)
        if self.spaces[index]:
            return self.folded_starts[index]
        return self.folded_starts[index] + position - self.original_starts[index]


@lru_cache(maxsize=32)
def _folded(text: str, ignore_case: bool) -> _Folded:
    return _Folded(text, ignore_case)


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def find_all(
    text: str,
    words: str,
    ignore_case: bool = False,
    start: int = 0,
    stop: int | None = None,
) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each place the words are, the place beginning in
    ``[start, stop)``; places do not overlap."""
    needle = _SPACES.sub(" ", words.translate(_FOLD)).strip()
    if ignore_case:
        needle = needle.lower()
    if not needle:
        return []
    folded = _folded(text, ignore_case)
    haystack = folded.folded
    begin = folded.to_folded(start) if start else 0
    end_limit = len(haystack)
    if stop is not None and stop < len(text):
        end_limit = folded.to_folded(stop)
    whole_start = _word(needle[0])
    whole_end = _word(needle[-1])
    found: list[tuple[int, int]] = []
    position = haystack.find(needle, begin)
    while 0 <= position < end_limit:
        after = position + len(needle)
        if (not whole_start or position == 0 or not _word(haystack[position - 1])) and (
            not whole_end or after >= len(haystack) or not _word(haystack[after])
        ):
            if folded.identity:  # nothing folded: a text with thousands of matches maps none
                found.append((position, after))
            else:
                found.append((folded.to_original(position), folded.to_original(after - 1) + 1))
            position = haystack.find(needle, after)
            continue
        position = haystack.find(needle, position + 1)
    return found


def starts_at(text: str, words: str, position: int = 0, ignore_case: bool = False) -> bool:
    """Do the words stand at ``position`` of ``text`` (whole words)?"""
    found = find_all(text, words, ignore_case, position, position + 1)
    return bool(found) and found[0][0] == position

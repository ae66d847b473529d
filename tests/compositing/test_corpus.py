"""The shared corpus of real amendments (``../shared/corpus/amendments``): each applies exactly
as a careful conference secretary makes it, or is refused where the right answer is a refusal."""

import json
import re
from pathlib import Path

import pytest

from compositing import AmendmentError, apply_amendment

CASES = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "amendments" / "cases"
_BULLET = re.compile(r"^[ \t]*[-*•‣◦–][ \t]+", re.MULTILINE)


def comparable(text: str) -> str:
    """The corpus's comparison: whitespace collapsed and bullet characters unified."""
    return " ".join(_BULLET.sub("- ", text).split())


def _cases() -> list:
    if not CASES.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no corpus at {CASES}"))]
    return [pytest.param(path, id=path.stem) for path in sorted(CASES.glob("*.json"))]


@pytest.mark.parametrize("path", _cases())
def test_real_amendment(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    if case["expected"] is None:
        with pytest.raises(AmendmentError):
            apply_amendment(case["base"], case["amendment"])
        return
    applied = apply_amendment(case["base"], case["amendment"])
    assert comparable(applied) == comparable(case["expected"])


def test_the_comparison_keeps_what_the_corpus_says_must_match() -> None:
    assert comparable("- a\n\n•  b") == comparable("* a\n- b")
    assert comparable("Rule 1.") != comparable("rule 1.")
    assert comparable("a, b") != comparable("a b")

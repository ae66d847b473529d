import json
from pathlib import Path

from compositing import CoverageStatus, draft_composite, import_composite
from compositing.composite import coverage, infer_sources
from compositing.composite_io import (
    composite_from_dict,
    composite_to_dict,
    composite_to_markdown,
)

FIXTURES = Path(__file__).parent / "fixtures"
RAW = (FIXTURES / "lla_cac_composite.txt").read_text(encoding="utf-8")


def lla_motions() -> dict[str, str]:
    motions = {key: (FIXTURES / f"lla_draft_{key}.txt").read_text() for key in "ABCD"}
    motions["E"] = (FIXTURES / "lla_motion_E.txt").read_text()
    return motions


def test_order_paper_markdown_reads_like_the_original_and_imports_back_the_same():
    composite = import_composite(RAW)
    markdown = composite_to_markdown(composite)
    for printed in (
        "## 1) Aims",
        "### 2.2 Difference: Political orientation/eligibility",
        "Amendment from Rotherham Left Momentum:",
        "Procedural note: If Option A or E of 3.2 is agreed:",
        "Option 3:\n\nContinue with the current OG until the next annual conference.",
        "1. “Free movement of people” [LAW/Sheffield LL]\n\nProcedural note: Vote for or against",
        "Procedural note: They will be taken against each other as they are incompatible, with "
        "an additional option of ‘Neither’.",
    ):
        assert printed in markdown
    assert markdown.count("Procedural note:") == RAW.count("Procedural note") + 1  # 3.2a's own
    assert import_composite(markdown) == composite


def test_plain_data_round_trip_keeps_sources_and_reasons():
    draft = draft_composite(lla_motions())
    composite = draft.composite
    data = json.loads(json.dumps(composite_to_dict(composite)))
    assert composite_from_dict(data) == composite
    assert data["left_out"] and data["sections"][1]["common_ground"]["sources"]


def test_sources_of_the_real_composite_are_found_by_aligning_it_with_the_drafts():
    composite = import_composite(RAW)
    motions = lla_motions()
    before = {c.clause.ref: c for c in coverage(composite, motions)}
    found = infer_sources(composite, motions)
    after = {c.clause.ref: c for c in coverage(found, motions)}
    assert composite.sections[0].common_ground.sources == []  # the original is not changed

    def status(motion: str, quote: str) -> tuple[CoverageStatus, str]:
        [item] = [c for c in after.values() if c.clause.motion == motion and quote in c.clause.text]
        return item.status, item.place

    assert status("A", "organises democratically") == (
        CoverageStatus.VERBATIM,
        "common ground 1.1",
    )
    assert status("D", "does not exclude those who have been unjustly") == (
        CoverageStatus.CHANGED,
        "common ground 2.1",
    )
    assert status("D", "campaigns for a disciplinary process") == (
        CoverageStatus.IN_OPTION,
        "Option A.2 of 1.2",
    )
    assert status("B", "Opposition to capitalism") == (CoverageStatus.IN_OPTION, "Option B of 1.2")
    accounted_before = sum(1 for c in before.values() if c.accounted)
    accounted_after = sum(1 for c in after.values() if c.accounted)
    assert accounted_after > 2 * accounted_before
    # The CAC dropped much of the drafts' detail: that stays unaccounted until it gives reasons.
    assert any(not c.accounted for c in after.values())

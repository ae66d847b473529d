"""Text model: blocks, labels, sections, sentences, printed line numbers, round trips."""

from pathlib import Path

import pytest

from compositing.text import (
    Document,
    clause_end,
    label_successor,
    normalise_label,
    numbered_lines,
    parse,
    render,
    roman_numeral,
    roman_value,
    sentences,
    to_markdown,
)

FIXTURES = Path(__file__).parent / "fixtures"
RAW_TEXTS = sorted(FIXTURES.glob("amend-lla-*.txt"))

MARKDOWN = """# Composite motion

Conference notes:

1. Rents have risen by a third.
2. Wages have not.
   - in the public sector
   - in retail

## 2. Conference resolves

* to campaign
* to organise
"""


@pytest.mark.parametrize("path", RAW_TEXTS, ids=lambda p: p.name)
def test_raw_and_markdown_round_trip(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert render(parse(raw)) == raw
    markdown = to_markdown(raw)
    assert render(parse(markdown)) == markdown


@pytest.mark.parametrize(
    "text", ["", "\n", "a", "a\n\n\n", "\n\nb\n", MARKDOWN, "1. x\r\n2. y\r\n", "  \n# T\n\t\n"]
)
def test_edge_round_trips(text: str) -> None:
    assert render(parse(text)) == text


def test_markdown_blocks() -> None:
    blocks = parse(MARKDOWN).blocks
    summary = [(b.kind, b.label, b.key, b.bullet, b.depth, b.text) for b in blocks]
    assert summary == [
        ("heading", "", "", "", 0, "Composite motion"),
        ("paragraph", "", "", "", 0, "Conference notes:"),
        ("item", "1.", "1", "", 0, "Rents have risen by a third."),
        ("item", "2.", "2", "", 0, "Wages have not."),
        ("item", "", "", "-", 1, "in the public sector"),
        ("item", "", "", "-", 1, "in retail"),
        ("heading", "2.", "2", "", 0, "Conference resolves"),
        ("item", "", "", "*", 0, "to campaign"),
        ("item", "", "", "*", 0, "to organise"),
    ]


def test_raw_labels_as_written() -> None:
    raw = "1.2. One\n2.3 Two\n(c) Three\na. Four\niv. Five\nRule D 6.4 Six\n  • Seven\n1) Eight\n"
    blocks = parse(raw).blocks
    assert [(b.label, b.key, b.bullet) for b in blocks] == [
        ("1.2.", "1.2", ""),
        ("2.3", "2.3", ""),
        ("(c)", "c", ""),
        ("a.", "a", ""),
        ("iv.", "iv", ""),
        ("Rule D 6.4", "d6.4", ""),
        ("", "", "•"),
        ("1)", "1", ""),
    ]
    assert [b.text for b in blocks][-2:] == ["Seven", "Eight"]


def test_sections_from_headings_and_top_level_labels() -> None:
    text = (FIXTURES / "amend-lla-03-constitution-B.txt").read_text(encoding="utf-8")
    document = parse(text)
    first = document.sections()[0]
    assert (first.key, first.title) == ("1", "Our aims and principles")
    assert [b.key for b in document.blocks[first.start : first.end]] == [
        "1",
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
    ]


def test_clause_takes_what_it_introduces() -> None:
    text = "1.1 Common ground:\n\nWe agree that:\n\n- a\n- b\n\n1.2 Differences:\n"
    document = parse(text)
    assert clause_end(document.blocks, 0) == 4
    assert clause_end(document.blocks, 1) == 4
    assert clause_end(document.blocks, 2) == 3


def test_line_numbers_wrap_and_skip_blank_lines() -> None:
    text = "1.1. " + " ".join(["word"] * 30) + "\n\n- short bullet\n"
    lines = numbered_lines(text, width=40)
    assert [line.number for line in lines] == [1, 2, 3, 4, 5, 6]
    assert lines[0].text.startswith("1.1. word")
    assert all(len(str(line)) <= 40 for line in lines)
    assert lines[1].indent == 5  # hangs under the text, not the label
    assert lines[-1].text == "• short bullet"
    assert (lines[-1].block, lines[-1].kind) == (1, "item")


def test_line_offsets_point_into_block_text() -> None:
    text = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron"
    document = parse(text)
    for line in numbered_lines(text, width=30):
        block_text = document.blocks[line.block].text
        assert block_text[line.start : line.end] == line.text


def test_nested_depth_from_indentation() -> None:
    lines = numbered_lines("- a\n  - b\n    - c\n- d\n")
    assert [(line.depth, line.indent) for line in lines] == [(0, 0), (1, 2), (2, 4), (0, 0)]


def test_sentences() -> None:
    text = "Conference notes e.g. rents. It resolves to act! Does it? Yes, 2 times."
    assert sentences(text) == [
        "Conference notes e.g. rents.",
        "It resolves to act!",
        "Does it?",
        "Yes, 2 times.",
    ]


def test_to_markdown_cleans_pasted_text() -> None:
    raw = (
        "1.1\n\nLLA\u00a0 will be\u00a0 democratic.\n\n  \u2022 one;\n  \u2022 two\n"
        "    \u2022 two point one\n\na.\u00a0\u00a0\u00a0 Bona-fide groups\nb.   Branches\n"
    )
    assert to_markdown(raw) == (
        "1.1 LLA will be democratic.\n\n- one;\n- two\n  - two point one\n\n"
        "a. Bona-fide groups\n\nb. Branches\n"
    )


@pytest.mark.parametrize(
    ("label", "key", "successor"),
    [
        ("1.2.", "1.2", "1.3."),
        ("(c)", "c", "(d)"),
        ("Rule D 6.4", "d6.4", "Rule D 6.5"),
        ("2.3", "2.3", "2.4"),
        ("iv.", "iv", "v."),
        ("ii)", "ii", "iii)"),
        ("(ix)", "ix", "(x)"),
        ("XIV.", "xiv", "XV."),
        ("i.", "i", "j."),  # a lone "i" is read as a letter
    ],
)
def test_label_helpers(label: str, key: str, successor: str) -> None:
    assert normalise_label(label) == key
    assert label_successor(label) == successor


@pytest.mark.parametrize(
    ("numeral", "value"), [("i", 1), ("iv", 4), ("xiv", 14), ("XC", 90), ("iiii", 0), ("ic", 0)]
)
def test_roman_numerals(numeral: str, value: int) -> None:
    assert roman_value(numeral) == value
    if value:
        assert roman_numeral(value, numeral.isupper()) == numeral


def test_heading_section_runs_past_its_subheadings() -> None:
    text = "# Rules\n\n## 1. Aims\n\n### Notes\n\nWe aim.\n\n## 2. Structure\n\nWe meet.\n"
    sections = {s.key: (s.start, s.end) for s in parse(text).sections()}
    assert sections["1"] == (1, 4)
    assert sections["rules"] == (0, 6)
    assert sections["2"] == (4, 6)


def test_first_line_of_each_block_and_line_at() -> None:
    text = "1.1 " + " ".join(["word"] * 30) + "\n\n1.2 Short.\n"
    document = parse(text)
    assert document.first_line_of_blocks(width=40) == [1, 6]
    second_line_start = document.lines(width=40)[1].start
    assert document.line_at(0, second_line_start, width=40) == 2
    assert document.line_at(1, 0, width=40) == 6


def test_numbered_titles_followed_by_paragraphs_are_sections() -> None:
    text = (
        "  1. Our aims\n  2. Supporters\n\n"
        "1. Our aims\n\nWe aim.\n\n- high\n\n2. Supporters\n\nAll.\n"
    )
    sections = [(s.key, s.title, s.start, s.end) for s in parse(text).sections()]
    assert sections == [("1", "Our aims", 2, 5), ("2", "Supporters", 5, 7)]


def test_rule_book_labels_as_printed() -> None:
    raw = (
        "RULE 5. AFFILIATION FEE\n\nRule C.4.2.1 The treasurer.\n\nClause IV Common ownership.\n\n"
        "Article 3.2(d) Any other body;\n\nStanding Order 9.1 Voting.\n\nD3.2 Six weeks.\n\n"
        "**B.1.9** The secretary.\n\n103 Any surplus assets.\n\n10 party members.\n"
    )
    blocks = parse(raw).blocks
    assert [b.label for b in blocks] == [
        "RULE 5.", "Rule C.4.2.1", "Clause IV", "Article 3.2(d)", "Standing Order 9.1", "D3.2",
        "**B.1.9**", "103", "",
    ]  # fmt: skip
    assert blocks[0].text == "AFFILIATION FEE"
    assert blocks[-1].text == "10 party members."  # a number before lower case is prose
    assert parse("Section A shall consist of members.\n").blocks[0].label == ""


def test_heading_label_set_off_by_a_colon_is_kept_when_redrawn() -> None:
    document = parse("## Article 8: The Federal Board\n")
    heading = document.blocks[0]
    assert (heading.label, heading.text) == ("Article 8", "The Federal Board")
    assert render(Document((heading.with_text("The Board"),), document.gaps)) == (
        "## Article 8: The Board"
    )


def test_printed_lines_follow_the_source_lines() -> None:
    text = (
        "(e) the General Council shall\nreport to Congress. Where the General\nCouncil decides.\n"
    )
    lines = numbered_lines(text)
    assert [line.text for line in lines] == [
        "(e) the General Council shall",
        "report to Congress. Where the General",
        "Council decides.",
    ]
    block = parse(text).blocks[0]
    assert [block.text[line.start : line.end] for line in lines] == [
        "the General Council shall",
        "report to Congress. Where the General",
        "Council decides.",
    ]


def test_an_edited_block_is_drawn_and_wrapped_afresh() -> None:
    block = parse("(e) the General Council shall\nreport to Congress.\n").blocks[0]
    assert len(Document((block.with_text(block.text),), ("",)).lines()) == 1


def test_renumbering_keeps_the_source_lines() -> None:
    block = parse("  4) The deputy has not\n     held the office.").blocks[0]
    assert block.with_label("5)").source == "  5) The deputy has not\n     held the office."

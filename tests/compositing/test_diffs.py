"""Word-level diffs: plain segments, HTML, and the line-numbered order-paper form."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from compositing.diffs import Op, diff_html, tokenize, word_diff

FIXTURES = Path(__file__).parent / "fixtures"
CONSTITUTION_B = (FIXTURES / "describe-lla-03-constitution-B.txt").read_text(encoding="utf-8")

POINT_1_2 = (
    "1.2. Opposition to capitalism, imperialism, racism, militarism and the ecological "
    "degradation of the planet through the ruinous cycle of production for the sake of "
    "production or profit."
)


def test_tokenize_keeps_words_with_apostrophes_and_hyphens_whole():
    assert tokenize("Labour’s witch-hunt, isn't it?") == [
        "Labour’s", " ", "witch-hunt", ",", " ", "isn't", " ", "it", "?",
    ]


def test_tokenize_round_trips_text():
    assert "".join(tokenize(CONSTITUTION_B)) == CONSTITUTION_B


def test_word_diff_of_the_real_or_profit_amendment():
    after = POINT_1_2.replace(" or profit", "")
    assert word_diff(POINT_1_2, after) == [
        (Op.EQUAL, POINT_1_2[: -len(" or profit.")]),
        (Op.DELETE, " or profit"),
        (Op.EQUAL, "."),
    ]


def test_word_diff_replaces_whole_words_not_letters():
    assert word_diff("for profit now", "for prophet now") == [
        (Op.EQUAL, "for "),
        (Op.DELETE, "profit"),
        (Op.INSERT, "prophet"),
        (Op.EQUAL, " now"),
    ]


def test_word_diff_folds_single_spaces_between_changes_into_one_replacement():
    assert word_diff("keep a b c keep", "keep x y z keep") == [
        (Op.EQUAL, "keep "),
        (Op.DELETE, "a b c"),
        (Op.INSERT, "x y z"),
        (Op.EQUAL, " keep"),
    ]


def test_word_diff_of_identical_texts_is_one_equal_segment():
    assert word_diff(POINT_1_2, POINT_1_2) == [(Op.EQUAL, POINT_1_2)]


def test_word_diff_of_empty_texts():
    assert word_diff("", "") == []
    assert word_diff("", "new words") == [(Op.INSERT, "new words")]
    assert word_diff("old words", "") == [(Op.DELETE, "old words")]


def test_word_diff_with_a_new_paragraph():
    before = "1.1. First.\n\n1.2. Second."
    after = "1.1. First.\n\n1.2. Second.\n\n1.3. Third."
    assert word_diff(before, after) == [
        (Op.EQUAL, before),
        (Op.INSERT, "\n\n1.3. Third."),
    ]


def test_diff_html_marks_changes_and_escapes_everything():
    assert diff_html("Tom & <Jerry> sat", "Tom & <Spike> sat") == (
        "Tom &amp; &lt;<del>Jerry</del><ins>Spike</ins>&gt; sat"
    )


def test_diff_html_cannot_be_broken_out_of_by_user_text():
    html = diff_html("safe", "<script>alert(1)</script>")
    assert "<script>" not in html
    assert html == "<del>safe</del><ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>"


def test_diff_html_of_the_real_or_profit_amendment():
    after = POINT_1_2.replace(" or profit", "")
    assert diff_html(POINT_1_2, after).endswith(
        "for the sake of production<del> or profit</del>."
    )


_words = st.sampled_from(
    ["Labour", "left", "the", "the", "of", "or", "profit", "1.2.", "“quoted”", "&", "<b>"]
)
_separators = st.sampled_from([" ", " ", " ", ", ", "\n", "\n\n", ". "])
_texts = st.lists(st.tuples(_words, _separators), max_size=30).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)


@settings(max_examples=150, deadline=None)
@given(_texts, _texts)
def test_word_diff_rebuilds_both_texts(a, b):
    segments = word_diff(a, b)
    assert "".join(text for op, text in segments if op is not Op.INSERT) == a
    assert "".join(text for op, text in segments if op is not Op.DELETE) == b
    assert all(text for _, text in segments)
    # Adjacent segments never share an op, and a deletion always precedes its insertion.
    ops = [op for op, _ in segments]
    assert all(x is not y for x, y in zip(ops, ops[1:], strict=False))
    assert all(
        not (x is Op.INSERT and y is Op.DELETE) for x, y in zip(ops, ops[1:], strict=False)
    )

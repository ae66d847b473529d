from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compositing import align_clauses
from compositing.align import align, content_words
from compositing.align_quality import (
    LabellingError,
    labelled_pairs,
    load_labelling,
    resolve_quote,
    score_alignment,
)
from compositing.clauses import split_clauses

FIXTURES = Path(__file__).parent / "fixtures"

MOTION_X = """The branch believes in free and open debate.

- opposes racism and all forms of discrimination;
- campaigns for open selection of parliamentary candidates;
- supports the free movement of people.
"""
MOTION_Y = """1. Supports open selection of all parliamentary candidates.
2. Opposes all forms of discrimination, including racism.
3. Calls for a national day of action on housing.
"""


def test_paraphrased_clauses_are_grouped_and_unmatched_ones_stand_alone():
    groups = align_clauses({"X": MOTION_X, "Y": MOTION_Y})
    as_sets = [frozenset(group) for group in groups]
    assert (
        frozenset(
            {
                ("X", "opposes racism and all forms of discrimination;"),
                ("Y", "Opposes all forms of discrimination, including racism."),
            }
        )
        in as_sets
    )
    assert (
        frozenset(
            {
                ("X", "campaigns for open selection of parliamentary candidates;"),
                ("Y", "Supports open selection of all parliamentary candidates."),
            }
        )
        in as_sets
    )
    assert [("Y", "Calls for a national day of action on housing.")] in groups


def test_every_clause_appears_once_and_no_group_holds_two_clauses_of_one_motion():
    labelling = load_labelling(FIXTURES / "alignment_labels.json")
    groups = align_clauses(labelling.motions)
    for group in groups:
        keys = [key for key, _text in group]
        assert len(keys) == len(set(keys)), group
    seen = [(key, text) for group in groups for key, text in group]
    for key, text in labelling.motions.items():
        wording = {c.text for c in split_clauses(key, text)}
        assert {t for k, t in seen if k == key} <= wording


def test_clause_text_comes_back_as_it_stands_in_its_motion():
    groups = align_clauses({"X": MOTION_X, "Y": MOTION_Y})
    texts = {text for group in groups for _key, text in group}
    assert "supports the free movement of people." in texts


def test_content_words_ignore_stop_words_hyphens_and_plurals():
    assert content_words("Opposes the witch-hunts") == content_words("opposing witchhunt")
    assert "the" not in content_words("the Labour Party")


def test_alignment_of_the_lla_drafts_recovers_the_cac_common_ground():
    # Floors just under what the engine reaches (precision 1.0, recall 0.94 when written):
    # see bench/alignment_quality.py for the figures and the missed pairs.
    labelling = load_labelling(FIXTURES / "alignment_labels.json")
    alignment = align(labelling.motions)
    truth, mentioned = labelled_pairs(labelling, alignment.clauses)
    assert len(truth) >= 50
    score = score_alignment(alignment.groups, truth, mentioned)
    assert score.precision >= 0.95, score.wrong
    assert score.recall >= 0.9, score.missed


def test_alignment_of_sections_3_and_4_of_the_cac_composite():
    # The second labelling (0.90 / 0.81 when written; see its "about" for its history).
    labelling = load_labelling(FIXTURES / "alignment_labels_sections_3_4.json")
    alignment = align(labelling.motions)
    truth, mentioned = labelled_pairs(labelling, alignment.clauses)
    assert len(truth) >= 50
    score = score_alignment(alignment.groups, truth, mentioned)
    assert score.precision >= 0.85, score.wrong
    assert score.recall >= 0.75, score.missed


def test_scoring_counts_wrong_and_missed_pairs():
    truth = {frozenset({("A", 1), ("B", 1)}), frozenset({("A", 2), ("B", 2)})}
    mentioned = {("A", 1), ("B", 1), ("A", 2), ("B", 2)}
    engine = [[("A", 1), ("B", 2)], [("A", 2)], [("C", 7), ("B", 9)]]
    score = score_alignment(engine, truth, mentioned)
    assert (score.precision, score.recall) == (0.0, 0.0)
    score = score_alignment([[("A", 1), ("B", 1)], [("A", 2), ("B", 7)]], truth, mentioned)
    assert (score.precision, score.recall) == (0.5, 0.5)


def test_a_quote_that_picks_out_no_clause_or_several_is_refused():
    clauses = split_clauses("A", "We organise. We organise again.")
    with pytest.raises(LabellingError, match="matches 2 clauses"):
        resolve_quote(clauses, "We organise")
    with pytest.raises(LabellingError, match="matches 0 clauses"):
        resolve_quote(clauses, "nothing like it")


WORDS = [
    "branch",
    "members",
    "fees",
    "conference",
    "elects",
    "chair",
    "motions",
    "quarterly",
    "union",
    "delegates",
    "votes",
    "majority",
    "campaigns",
    "housing",
    "austerity",
]


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["A", "B", "C", "D"]),
        st.lists(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(
                lambda words: " ".join(words).capitalize() + "."
            ),
            max_size=8,
        ).map(lambda sentences: "\n\n".join(f"- {s}" for s in sentences)),
        max_size=4,
    )
)
def test_alignment_invariants_hold_for_any_motions(motions):
    alignment = align(motions)
    refs = [ref for group in alignment.groups for ref in group]
    assert len(refs) == len(set(refs))  # every clause at most once
    for group in alignment.groups:
        assert len({motion for motion, _ in group}) == len(group)  # one clause per motion
    every_clause_with_content = {
        c.ref for clauses in alignment.clauses.values() for c in clauses if content_words(c.text)
    }
    assert set(refs) == every_clause_with_content
    assert align(motions).groups == alignment.groups  # deterministic


def test_sentences_sharing_one_word_do_not_make_every_pair_of_sentences():
    """Two pasted texts whose every sentence says "Conference": scoring each pair of their
    sentences would be millions of pairs (8.7 s for two 49,000-character motions); at most
    MAX_PAIRS are scored, the commonest words left out first, and every clause still comes
    back exactly once."""
    from compositing.align import MAX_PAIRS

    a = "Conference notes. " * 2700
    b = "Conference resolves. " * 2300
    alignment = align({"A": a, "B": b})
    assert len(alignment.similarity) <= MAX_PAIRS
    refs = [ref for group in alignment.groups for ref in group]
    assert len(refs) == len(set(refs)) == 2700 + 2300

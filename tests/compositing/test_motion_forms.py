"""A motion's own parts as delegates name them: the bullets under "Conference notes:", its
numbered resolutions, its sentences; in wordings the corpus does not have."""

import pytest

from compositing import AmendmentError, apply_amendment

MOTION = """Conference notes:

- the housing crisis in our cities;
- rising rents and evictions;
- the government's failure to build council homes.

Conference believes that housing is a right, not a commodity. Every family deserves a secure home.

Conference resolves to:

1. campaign for a mass council house building programme;
2. support tenants' unions in every region;
3. call on the NEC to make housing a priority.
"""

NOTES_1 = "- the housing crisis in our cities;"
NOTES_2 = "- rising rents and evictions;"
NOTES_3 = "- the government's failure to build council homes."
BELIEVES = (
    "Conference believes that housing is a right, not a commodity. Every family deserves a "
    "secure home."
)
RESOLVES_1 = "1. campaign for a mass council house building programme;"
RESOLVES_2 = "2. support tenants' unions in every region;"


def changed(instruction: str) -> tuple[list[str], list[str]]:
    """The lines the amendment removes, and the lines it brings."""
    before, after = MOTION.splitlines(), apply_amendment(MOTION, instruction).splitlines()
    return [line for line in before if line not in after], [
        line for line in after if line not in before
    ]


@pytest.mark.parametrize(
    ("instruction", "removed", "added"),
    [
        # the paragraph that introduces a list holds it
        ("In the first paragraph, delete the second bullet point.", [NOTES_2], []),
        # bullets are counted among bullets, not confused with the numbered resolutions
        (
            'Bullet point 2: after "rents" insert ", no-fault evictions".',
            [NOTES_2],
            ["- rising rents, no-fault evictions and evictions;"],
        ),
        ("Remove bullets 1 and 2.", [NOTES_1, NOTES_2], []),
        ("Delete the second and third bullet points.", [NOTES_2, NOTES_3], []),
        (
            "Delete points 2 and 3.",
            [RESOLVES_2, "3. call on the NEC to make housing a priority."],
            [],
        ),
        # "X should read Y", and words added at the end of a numbered resolution
        (
            'In point 1, "council house" should read "council and social housing".',
            [RESOLVES_1],
            ["1. campaign for a mass council and social housing building programme;"],
        ),
        (
            'Amend point 2 by adding at the end "and community unions".',
            [RESOLVES_2],
            ["2. support tenants' unions in every region and community unions;"],
        ),
        # a sentence's first word replaced keeps the capital a sentence starts with
        (
            'Substitute "everyone" for "every family".',
            [BELIEVES],
            [BELIEVES.replace("Every family", "Everyone")],
        ),
        # ... but a capital the amendment quoted and replaced in lower case goes on purpose
        (
            'Delete "Every" and replace with "each".',
            [BELIEVES],
            [BELIEVES.replace("Every family", "each family")],
        ),
    ],
)
def test_motion_amendment(instruction: str, removed: list[str], added: list[str]) -> None:
    assert changed(instruction) == (removed, added)


def test_two_ordinals_that_are_not_next_to_each_other_are_refused_with_the_reason() -> None:
    with pytest.raises(AmendmentError, match="not next to each other"):
        apply_amendment(MOTION, "Delete the first and third bullet points.")

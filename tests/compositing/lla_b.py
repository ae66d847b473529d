"""London LLA's draft constitution B and its point 2.3 before and after Swansea's amendment:
texts the describe and diff tests share."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
CONSTITUTION_B = (
    (FIXTURES / "describe-lla-03-constitution-B.txt").read_text(encoding="utf-8")
).split("\nAmendments\n")[0]
POINT_2_3 = (
    "We expect all LLA members to be in the Labour Party and encourage all those not already "
    "involved in local Labour Left groups to become active in one or help set one up. Our aim is "
    "to organise all members in local and regional LLA groups and branches. We also welcome, on "
    "all levels of the organisation, those who have been suspended or expelled as part of the "
    "witch-hunt against the left."
)
SWANSEA_2_3 = (
    "We encourage LLA members to be in the Labour Party so long as that member does not actively "
    "campaign, electorally, for a vote against the Labour Party. We encourage all those not "
    "already involved in local Labour Left groups to become active in one or help set one up. "
    "Our aim is to enable all members in local and regional LLA groups, branches and affiliated "
    "bodies."
)

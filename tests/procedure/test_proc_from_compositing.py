"""A composite built with the compositing engine runs in the procedure engine."""

import compositing
from procedure.from_compositing import composite_from_compositing
from procedure.model import GroupKind, OrderPaper
from procedure.order import plan
from procedure.session import Session


def cac_composite() -> compositing.Composite:
    aims = compositing.CompositeSection(
        number="1",
        title="Aims",
        common_ground=compositing.CommonGround(
            number="1.1",
            text="We organise democratically.",
            amendments=[compositing.CompositeAmendment("Rotherham", 'Add: "We oppose war."')],
        ),
        groups=[
            compositing.OptionGroup(
                number="1.2",
                title="Differences",
                kind=compositing.GroupKind.FOR_OR_AGAINST_EACH,
                options=[
                    compositing.Option(
                        "A",
                        "Aims should be expanded:",
                        sub_options=[
                            compositing.Option("1", "- free movement of people;", ["Sheffield"]),
                            compositing.Option("2", "- due process;", ["Dulwich LL"]),
                        ],
                    ),
                    compositing.Option("B", "Socialism.", ["London LLA"]),
                ],
            )
        ],
    )
    leadership = compositing.CompositeSection(
        number="3",
        title="Leadership",
        groups=[
            compositing.OptionGroup(
                number="3.2",
                title="How is the leadership elected?",
                kind=compositing.GroupKind.AGAINST_EACH_OTHER_WITH_NEITHER,
                options=[compositing.Option("A", "Elected."), compositing.Option("E", "Eight.")],
            ),
            compositing.OptionGroup(
                number="3.3",
                title="Elections",
                kind=compositing.GroupKind.AGAINST_EACH_OTHER,
                options=[compositing.Option("1", "Now."), compositing.Option("2", "Later.")],
                condition=compositing.Condition("3.2", ["A", "E"]),
            ),
        ],
    )
    return compositing.Composite("CAC composite", [aims, leadership])


def test_structure_is_carried_over():
    composite = composite_from_compositing(cac_composite(), record_only={"3.3"})
    aims, leadership = composite.sections
    assert aims.heading == "1) Aims"
    assert aims.common_ground == "We organise democratically."
    assert [(a.key, a.mover) for a in aims.amendments] == [("1.1/1", "Rotherham")]
    group = aims.groups[0]
    assert group.kind is GroupKind.FOR_OR_AGAINST_EACH
    assert [(o.key, o.attribution) for o in group.options] == [
        ("A.1", "Sheffield"),
        ("A.2", "Dulwich LL"),
        ("B", "London LLA"),
    ]
    assert leadership.common_ground == ""
    conditional = leadership.groups[1]
    assert conditional.condition.options == ("A", "E")
    assert conditional.enters_text is False


def test_order_of_business_from_a_compositing_composite():
    paper = OrderPaper("Constitution", composite=composite_from_compositing(cac_composite()))
    assert [item.key for item in plan(paper)] == [
        "1.1/1",
        "1.2/A.1",
        "1.2/A.2",
        "1.2/B",
        "3.2",
        "3.3",
        "O/ratification",
    ]
    session = Session(paper)
    assert session.current.key == "1.1/1"

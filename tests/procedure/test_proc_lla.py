"""Acceptance: the LLA 2020 constitution heading, end to end, in both branches.

The order paper is the real one (tests/procedure/fixtures/lla-constitution): the CAC's
procedural motion, the CAC composite with the Rotherham amendment to section 1, the 1.2 options
voted one by one, the option groups 2.2, 3.2 (with its conditional group), 4.2 and 4.3, the
Pearson amendment to 4.1, and the four original draft constitutions with the two amendments to
London's draft. Amendments are applied by the real amendment engine (compositing).
"""

from dataclasses import replace

import pytest

from procedure.agreed import amendment_problems
from procedure.ballots import NEITHER
from procedure.model import Amendment, OrderPaper
from procedure.record import State, format_record
from procedure.rules import Result
from procedure.session import Session
from tests.procedure.proc_papers import lla_paper

SECTION_1_AS_AMENDED = """\
# 1) Principles

The Labour Left Alliance was set in July 2019 to bring together groups and individuals on the Labour Left in order to build a democratic, principled and effective alliance that:

- organises democratically and transparently;
- both supports a left leadership against attacks by the right, and is independent and able to criticise our left wing leaders when necessary;
- opposes all forms of persecution and discrimination, including racism and prejudice of all kinds;
- promotes internationalism, peace, and solidarity, and the democratic rights of all peoples, especially those suffering persecution;
- is an inclusive organisation that rejects unjust treatment or judgement of people, respecting natural justice and freedom of speech;
- promotes complete democracy and fully accountable working-class representation within and throughout the Labour Party and trade unions;
- supports and encourages struggles against austerity and all forms of oppression.
"""  # noqa: E501

SECTION_1_AS_PUBLISHED = """\
# 1) Aims

The Labour Left Alliance was set in July 2019 to bring together groups and individuals on the Labour Left in order to build a democratic, principled and effective alliance that:

- organises democratically and transparently;
- both supports a left leadership against attacks by the right, and is independent and able to criticise our left wing leaders when necessary;
- opposes racism, anti-Semitism, Islamophobia and all other forms of discrimination and is consistently internationalist, a stance which by definition includes support for the democratic and national rights of the Palestinians;
- opposes attempts to conflate anti-Zionism with antisemitism and opposes the witch-hunt against the left;
- campaigns to radically transform and democratise the Labour Party and the trade unions;
- campaigns for open selection so that the Parliamentary Labour Party better reflects the views of the vast majority of members;
- supports and encourages struggles against austerity and all forms of oppression.
"""  # noqa: E501

OPTIONS_1_2_AGREED = """\
- free movement of people;

Opposition to capitalism, imperialism, racism, militarism and the ecological degradation of the planet through the ruinous cycle of production for the sake of production.

We envisage a democratically planned economy and moving towards a stateless, classless, moneyless society that embodies the principle “From each according to their abilities, to each according to their needs”.

Commitment to achieving a democratic republic. The standing army, the monarchy, the House of Lords and the state sponsorship of the Church of England must go. We support a single-chamber parliament, proportional representation and annual elections.

We seek to achieve the full democratisation of the Labour Party. All MPs, MEPs and MSPs should be subject to automatic reselection. All elected Labour Party members should be expected to take no more than the average skilled worker’s wage. The Parliamentary Labour Party should be subordinated to the National Executive Committee.

We seek the replacement of Labour’s existing clause four with a commitment to socialism as the rule of the working class.

We support Labour as the federal party of the working class. All trade unions, cooperatives, socialist societies and leftwing groups and parties should be brought together in the Labour Party.

We shall work with others internationally in pursuit of the aim of replacing capitalism with working class rule and socialism.
"""  # noqa: E501

SECTION_2 = """\
# 2) Structures

We encourage all those not already involved in local Labour Left groups to become active in one or help set one up. Our aim is to organise every single supporter in an active local or regional Labour Left group.

We welcome, on all levels of the organisation, those who have been unfairly or unjustly suspended or expelled from the Labour Party.

Individual supporters are requested to pay a minimum subscription to help secure the funding of LLA. Affiliation fees for individuals and groups to be set by the organising group.

Decisions on all levels are made by consensus where possible and by simple majority where necessary (not counting abstentions). Decisions should be reached as quickly as possible, allowing the discussion to be as thorough as possible.

LLA branches and affiliated groups are encouraged to communicate and form any collaborative ventures they wish.

We welcome national, regional and local groups, unions and individuals to become signatories of our appeal.
"""  # noqa: E501

SECTION_3_WITH_OPTION_E = """\
# 3) Organising group and steering group

The organising group meets at least quarterly. Meetings should be scheduled well in advance (at least one month). It publishes agendas, minutes, reports and financial overviews and may set up working groups. It discusses all motions and requests made by at least 10 LLA signatories.

The organising group comprises officers who are accountable to the OG. As a minimum, the following officers shall work together as a steering group:

- Secretary
- Chair
- national organizer
- treasurer
- social media and website coordinator.

Additional officers that may be included as the organisation grows, to be determined by the OG:

- Vice-Chair (or two co-chairs)
- Assistant Secretary
- Campaigns Officer
- Trade Union Organiser
- Membership and Affiliations secretary
- Media and Communications Officer
- Information Officer
- Campaigns Officer
- National Organiser

Where an officer position cannot be filled, the OG may co-opt a supporter of the LLA to the steering group – they will have speaking, but no voting rights.

The steering group produces regular minutes and work reports for the OG.

If there is a serious disagreement on the SG, the issue should be brought to the OG to be resolved.

The SG is in ‘permanent session’ and will discuss motions or proposals that have been submitted by any affiliate or a suitable number of individual supporters. Should the movers disagree with the decision by the SC, they can submit their proposals to the Organising Group, which will have to discuss it at the earliest opportunity.

- The OG shall consist of 8 people elected at conference and one delegate from each affiliated organisation or branch consisting of 10 or more people.
- Conference should elect a Chairperson, Secretary and Treasurer who can be recalled by a 2/3 majority of the Organising Group, which will then elect a replacement until the following AGM.
"""  # noqa: E501

SECTION_4_WITH_CAC_RULES = """\
# 4) Conference and its composition

Conference takes place at least annually. A special conference will be held at the request a number individual supporters or affiliated groups or branches (to be decided by the OG).

Conference decides on political strategy, campaigning priorities, structures and the constitution.

The OG decides on a method to allow the full participation of individual members who cannot attend meetings of any affiliated groups.

The OG establishes a Conference Arrangements Committee for the purposes of deciding speakers and the agenda and publishes detailed guidelines and timetables for motions and amendments.

The Conference Arrangements Committee (CAC) shall comply with the following requirements:

1. CAC may facilitate in the compositing of motions by stakeholders but not submit motions of its own accord
2. Stakeholders are defined as representatives from the local groups or affiliates that have submitted the motions to be composited
3. Stakeholders must agree the final wording of the composite and shall agree a mover and a seconder who will speak to conference during the relevant debate
4. If the stakeholders cannot reach agreement then Conference hears all the individual motions
5. If a limited number of stakeholders agree a composite then Conference hears that composite plus the remaining individual motions
6. CAC may submit procedural motions to facilitate the effective functioning of Conference subject to approval by the Organising Group
7. Members of the CAC are ex-officio at Conference without voting rights unless they are delegates from a local group or affiliate

Group/organisation delegate numbers are determined as follows:

- between 10 and 100 members – two delegates
- between 100 and 500 members – three delegates
- between 500 and 2000 members – four delegates
- over 2000 members – five delegates
- Unions may affiliate at branch, regional or national level, but they may not have delegates from branches within regions where their Region itself is affiliated. Affiliated trade union national offices are entitled to one delegate.

All decisions are made by a simple majority of those voting.
"""  # noqa: E501


MOTION_B_AS_AMENDED = """\
1. Our aims and principles

1.1. The Labour Left Alliance brings together organisations, groups and individuals with a view to pursuing these aims.

1.2. Opposition to capitalism, imperialism, racism, militarism and the ecological degradation of the planet through the ruinous cycle of production for the sake of production.

1.3. The replacement of Labour’s existing clause four with a commitment to socialism as the rule of the working class. We envisage a democratically planned economy and moving towards a stateless, classless, moneyless society that embodies the principle, “From each according to their abilities, to each according to their needs”. Alone such benign conditions create the possibility of every individual fully realising their innate potentialities.

1.4. Towards that end Labour should commit itself to achieving a democratic republic. The standing army, the monarchy, the House of Lords and the state sponsorship of the Church of England must go. We support a single-chamber parliament, proportional representation and annual elections. Labour needs to win the active backing of the majority of people and should seek to form a government only on this basis.

1.5. We seek to achieve the full democratisation of the Labour Party. All MPs, MEPs and MSPs should be subject to automatic reselection. All elected Labour Party members should be expected to take no more than the average skilled worker’s wage. The Parliamentary Labour Party should be subordinated to the National Executive Committee.

1.6. We support Labour as the federal party of the working class. All trade unions, cooperatives, socialist societies and leftwing groups and parties should be brought together in the Labour Party. Unity brings strength.

1.7. We shall work with others internationally in pursuit of the aim of replacing capitalism with working class rule and socialism.

2. Structure

2.1. The Labour Left Alliance is a membership organisation. Members are required to accept our political aims and principles and pay an annual fee (to be set by the Organising Group).

2.2. We believe in the free and open exchange of ideas and viewpoints. But, once the LLA has agreed a particular action, we seek to achieve the maximum unity. That cannot be imposed – it has to be won.

2.3. We encourage LLA members to be in the Labour Party so long as that member does not actively campaign, electorally, for a vote against the Labour Party. We encourage all those not already involved in local Labour Left groups to become active in one or help set one up. Our aim is to enable all members in local and regional LLA groups, branches and affiliated bodies.

2.4. LLA conference meets at least once a year. Conference will consist of either individual members or delegates (at a ratio to be decided by the Organising Group). Conference debates aims and principles, agrees political strategy, votes on motions and elects a leadership.

2.5. If 30% of affiliated groups and branches or 30% of individual members so wish, there will be a special conference.

2.6. Affiliated groups, LLA branches or any 10 LLA members can submit one motion and one amendment to conference.

3. Organising Group

3.1. The OG functions as the leadership of the LLA. The OG is elected at conference. Conference decides on the size and functions of the OG.

3.2 The OG elects its own officers on the basis of immediate recallability. The OG can coopt members, given particular needs. While coopted members shall have speaking rights, they will have no voting rights.

3.3. The OG should meet at least quarterly, in a face-to-face or an online meeting. It can also make decisions via email or other agreed communication channels by a simple majority of those voting within a given timeframe. It produces regular minutes/reports to LLA supporters. If possible, meetings should be scheduled well in advance (at least one month).

3.4. The OG decides on the level of affiliation fees for groups and organisations and needs to approve all requests for affiliation.

3.5. All decisions at all levels are made by a simple majority of those voting (excluding abstentions).

3.6. The OG can set up working groups and sub-committees on any particular subject.
"""  # noqa: E501


def vote(session: Session, key: str, votes, casting: tuple[str, str] | None = None):
    session.open(key)
    outcome = session.count(votes)
    if casting is not None:
        assert outcome.needs_casting_vote, outcome
        session.cast_vote(*casting)
    return session.declare()


def run_composite(session: Session, *, rotherham: str) -> None:
    vote(session, "CAC", {"for": 61, "against": 22, "abstain": 4})
    rotherham_votes = (
        {"for": 45, "against": 38} if rotherham == "carried" else {"for": 30, "against": 52}
    )
    vote(session, "R", rotherham_votes)
    vote(session, "1.2/A.1", {"for": 50, "against": 31, "abstain": 5})
    vote(session, "1.2/A.2", {"for": 29, "against": 50})
    vote(session, "1.2/B", {"for": 41, "against": 40, "abstain": 6})
    vote(session, "2.2", {"A": 12, "B": 25, "C": 9, NEITHER: 38, "abstain": 2})
    vote(session, "3.2", {"A": 20, "B": 11, "C": 8, "D": 6, "E": 31, NEITHER: 4})
    vote(session, "3.2-next", {"1": 18, "2": 44, "3": 20})
    vote(session, "P", {"for": 47, "against": 35})
    vote(session, "4.2", {"A": 30, "B": 42, NEITHER: 9})
    vote(session, "4.3", {"A": 33, "B": 48, "abstain": 3})
    vote(session, "O/ratification", {"for": 70, "against": 10, "abstain": 5})


def by_item(session: Session):
    return {decision.item: decision for decision in session.decisions()}


@pytest.mark.parametrize("rotherham", ["carried", "lost"])
def test_procedural_motion_carried_gives_the_agreed_constitution(rotherham):
    session = Session(lla_paper())
    run_composite(session, rotherham=rotherham)
    assert session.finished
    agreed = session.agreed()
    assert [(d.key, d.final) for d in agreed.documents] == [("O", True)]
    section_1 = SECTION_1_AS_AMENDED if rotherham == "carried" else SECTION_1_AS_PUBLISHED
    expected = "\n".join(
        [
            section_1,
            OPTIONS_1_2_AGREED,
            SECTION_2,
            SECTION_3_WITH_OPTION_E,
            SECTION_4_WITH_CAC_RULES,
        ]
    )
    assert agreed.text == expected


def test_record_of_the_carried_branch():
    session = Session(lla_paper())
    run_composite(session, rotherham="carried")
    decisions = by_item(session)
    # The originals and their amendments are passed over, with the reason.
    for key in ("A", "B-1", "B-2", "B", "C", "D"):
        assert decisions[key].state is State.SKIPPED
        assert decisions[key].explanation == "superseded: procedural motion CAC carried"
    assert decisions["2.2"].winner == NEITHER
    assert decisions["3.2"].winner == "E"
    # 3.2 won by E, so its conditional group was taken; its result is a decision, not text.
    assert decisions["3.2-next"].state is State.DECLARED
    assert decisions["3.2-next"].winner == "2"
    assert decisions["4.3"].counts == {"conference": {"A": 33, "B": 48, "abstain": 3}}
    record = format_record(session.decisions())
    assert (
        "[2.2] 2.2 Political orientation/eligibility: Option A, Option B, Option C or Neither"
        in record
    )
    assert "CARRIED (Neither)" in record


def test_conditional_group_skipped_when_3_2_is_won_by_another_option():
    session = Session(lla_paper())
    vote(session, "CAC", {"for": 61, "against": 22})
    vote(session, "R", {"for": 45, "against": 38})
    for key in ("1.2/A.1", "1.2/A.2", "1.2/B"):
        vote(session, key, {"for": 10, "against": 20})
    vote(session, "2.2", {"A": 30, "B": 10})
    vote(session, "3.2", {"B": 30, "A": 10})
    decision = by_item(session)["3.2-next"]
    assert decision.state is State.SKIPPED
    assert (
        decision.explanation == "condition not met: Option A or E of 3.2 agreed (option B agreed)"
    )
    assert session.current.key == "P"


def test_procedural_motion_lost_the_originals_against_each_other_with_a_casting_vote():
    session = Session(lla_paper())
    vote(session, "CAC", {"for": 30, "against": 52, "abstain": 1})
    assert session.current.key == "B-1"
    vote(session, "B-1", {"for": 48, "against": 30})
    vote(session, "B-2", {"for": 41, "against": 39})
    session.open("CAC/originals")
    outcome = session.count({"A": 22, "B": 25, "C": 9, "D": 25, "abstain": 2})
    assert outcome.needs_casting_vote and outcome.tied == ("B", "D")
    session.cast_vote("B", "Chair (conference chair, LLA launch conference)")
    decision = session.declare()
    assert decision.winner == "B"
    assert decision.casting_vote.cast_by == "Chair (conference chair, LLA launch conference)"
    assert session.finished
    agreed = session.agreed()
    assert [d.key for d in agreed.documents] == ["B"]
    assert agreed.text == MOTION_B_AS_AMENDED
    skipped = [d.item for d in session.decisions() if d.state is State.SKIPPED]
    assert skipped[0] == "R" and skipped[-1] == "O/ratification"


def test_originals_branch_with_amendments_lost_leaves_b_as_published():
    session = Session(lla_paper())
    vote(session, "CAC", {"for": 30, "against": 52})
    vote(session, "B-1", {"for": 20, "against": 30})
    vote(session, "B-2", {"for": 20, "against": 30})
    vote(session, "CAC/originals", {"A": 10, "B": 40, "C": 9, "D": 25})
    text = session.agreed().text
    assert "for the sake of production or profit." in text
    assert "2.3. We expect all LLA members to be in the Labour Party" in text


# ----- amendments that fall ------------------------------------------------------------------


def with_extra_amendment(paper: OrderPaper, target: str, amendment: Amendment) -> OrderPaper:
    """The LLA order paper with one more (hypothetical) amendment after the real ones."""
    if target == "B":
        motions = tuple(
            replace(m, amendments=(*m.amendments, amendment)) if m.key == "B" else m
            for m in paper.motions
        )
        return replace(paper, motions=motions)
    sections = tuple(
        replace(s, amendments=(*s.amendments, amendment)) if s.key == target else s
        for s in paper.composite.sections
    )
    return replace(paper, composite=replace(paper.composite, sections=sections))


OPEN_SELECTION = Amendment(
    "R2", "Hull LLA", 'In section 1 delete "open selection" and insert "mandatory reselection"'
)


def test_amendment_falls_when_an_earlier_one_deleted_its_words():
    session = Session(with_extra_amendment(lla_paper(), "1", OPEN_SELECTION))
    vote(session, "CAC", {"for": 60, "against": 20})
    vote(session, "R", {"for": 45, "against": 38})
    decision = by_item(session)["R2"]
    assert decision.state is State.FELL
    assert decision.result is Result.FELL
    assert decision.explanation.startswith(
        "its words were deleted by amendment R (Rotherham Left Momentum)"
    )
    assert "open selection" in decision.explanation
    assert session.current.key == "1.2/A.1"


def test_the_same_amendment_is_taken_when_the_earlier_one_is_lost():
    session = Session(with_extra_amendment(lla_paper(), "1", OPEN_SELECTION))
    vote(session, "CAC", {"for": 60, "against": 20})
    vote(session, "R", {"for": 30, "against": 38})
    assert session.current.key == "R2"
    vote(session, "R2", {"for": 50, "against": 10})
    assert "campaigns for mandatory reselection so that" in session.agreed().text


def test_amendment_to_an_original_falls_after_point_2_3_was_replaced():
    witch_hunt = Amendment(
        "B-3", "Example LLA", 'In point 2.3 delete "as part of the witch-hunt against the left"'
    )
    session = Session(with_extra_amendment(lla_paper(), "B", witch_hunt))
    vote(session, "CAC", {"for": 30, "against": 52})
    vote(session, "B-1", {"for": 48, "against": 30})
    vote(session, "B-2", {"for": 41, "against": 39})
    decision = by_item(session)["B-3"]
    assert decision.state is State.FELL
    assert decision.explanation.startswith(
        "its words were deleted by amendment B-2 (Swansea and West Wales LLA)"
    )
    assert session.current.key == "CAC/originals"


def test_a_correction_can_bring_a_fallen_amendment_back():
    session = Session(with_extra_amendment(lla_paper(), "1", OPEN_SELECTION))
    vote(session, "CAC", {"for": 60, "against": 20})
    vote(session, "R", {"for": 45, "against": 38})
    assert by_item(session)["R2"].state is State.FELL
    session.correct({"for": 35, "against": 38}, reason="recount", corrected_by="Chair")
    assert "R2" not in by_item(session)
    assert session.current.key == "R2"


def test_every_amendment_on_the_lla_order_paper_applies_to_the_published_text():
    assert amendment_problems(lla_paper()) == []


MISSPELT = Amendment("R3", "Hull LLA", 'In section 1 delete "open selektion"')


def test_amendment_that_never_applied_is_reported_before_and_falls_during_the_session():
    paper = with_extra_amendment(lla_paper(), "1", MISSPELT)
    problems = amendment_problems(paper)
    assert [(p.amendment, p.target) for p in problems] == [("R3", "1")]
    assert "open selektion" in problems[0].message
    session = Session(paper)
    vote(session, "CAC", {"for": 60, "against": 20})
    vote(session, "R", {"for": 30, "against": 38})
    decision = by_item(session)["R3"]
    assert decision.state is State.FELL
    assert decision.explanation.startswith("it does not apply to the text as published: ")

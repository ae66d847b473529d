"""Rule books, standing orders and constitutions of our own invention, amended in the forms
real conferences use, combined in ways the shared corpus does not have.

Each case names a book, an amendment and the lines it changes (old line -> new line, or a
line removed); the rest of the book must come out exactly as it went in.
"""

from pathlib import Path

import pytest

from compositing import AmendmentError, apply_amendment, parse_amendment

FIXTURES = Path(__file__).parent / "fixtures"
# Lettered rules with dotted clauses, under headings "Rule A", "Rule B" ...
TENANTS = (FIXTURES / "rulebook-tenants-federation.md").read_text(encoding="utf-8")
# Articles in capitals, roman-numbered clauses, standing orders.
BRANCH = (FIXTURES / "rulebook-union-branch.txt").read_text(encoding="utf-8")
# A numbered heading over clauses, one of them wrapped by hand.
COMMITTEE = (FIXTURES / "rulebook-committee-wrapped.md").read_text(encoding="utf-8")
# Numbered rules under "## Rule N – Title" headings, a tight lettered list, definitions.
NORTHERN = (FIXTURES / "rulebook-northern-tenants.md").read_text(encoding="utf-8")
# Plain-text articles ("Article 4 – The Steering Group") over dotted clauses, lists lettered
# "a)" and "(a)", and a schedule of numbered paragraphs after the last article.
EASTSIDE = (FIXTURES / "rulebook-eastside-alliance.txt").read_text(encoding="utf-8")
# "### Rule N. Title" headings over points printed "1.", "2.", an indented lettered list.
TRANSPORT = (FIXTURES / "rulebook-transport-union.md").read_text(encoding="utf-8")

B21 = "B.2.1 The subscription for unwaged members is half the full rate."
B22 = "B.2.2 The Treasurer may waive the subscription in hardship."
C2 = (
    "C.2 Officers are elected at the annual meeting. They serve for one year. They may stand again."
)
C3 = "C.3 The Treasurer keeps the accounts and reports to every meeting of the committee."
SO91 = "Standing Order 9.1 Motions are submitted in writing."
SO92 = "Standing Order 9.2 Amendments are submitted two days before the meeting."
N41 = (
    "4.1 The Executive shall consist of the Chair, the Secretary, the Treasurer and six other "
    "members elected at the Annual General Meeting."
)
N42 = "4.2 The Executive shall meet at least four times a year."
N43 = "4.3 A quorum of the Executive shall be five members."
N44 = "4.4 The Secretary shall keep minutes of every meeting."
N2D = "(d) to work with trade unions and community groups."
N_GM = '"General Meeting" means the Annual General Meeting or a Special General Meeting.'
N_EXEC = '"Executive" means the body described in Rule 4.'
T12 = (
    "2. The registered office shall be in Leeds or such other place as the General Council may "
    "decide."
)
T32 = "2. The General Council shall meet not less than six times in each year."
T33 = "3. Twelve members shall form a quorum."
T34 = (
    "4. The General Council may appoint committees. Each committee shall report to the next "
    "meeting of the General Council."
)
T41 = "1. The Delegate Conference shall be held every two years."
T43 = (
    "3. Motions for the Delegate Conference must reach the General Secretary not later than "
    "twelve weeks before the Conference."
)
E22 = "2.2 The Alliance is non-partisan."
E2A = "a) build the power of residents;"
E2C = "c) defend community spaces."
E11 = '1.1 The name of the organisation is the Eastside Community Alliance ("the Alliance").'
ES1 = "1. Motions must be submitted fourteen days before a General Meeting."
ES2 = "2. Amendments must be submitted seven days before a General Meeting."
ES3 = "3. The Chair may accept emergency motions."
E43 = (
    "4.3 The Steering Group may co-opt up to two further members. Co-opted members shall not vote."
)
T42 = "2. Each branch may send one delegate for every 500 members or part thereof."
T2D = "   (d) to promote equality at work."

CASES = [
    # quoted words as they stand, then what they become, in any of the ways people say it,
    # one pair or several, each in the place named before it
    *[
        (TRANSPORT, instruction, {T32: T32.replace("six", "eight")})
        for instruction in (
            'In Rule 3.2, "six" to become "eight".',
            'Rule 3.2: "six" shall become "eight".',
            'Rule 3 (2): "six" to read "eight".',
            'Rule 3, clause 2 - "six" becomes "eight"',
        )
    ],
    (
        TRANSPORT,
        'Rule 3.2 – "six" becomes "eight"; Rule 3.3 – "Twelve" becomes "Fifteen".',
        {T32: T32.replace("six", "eight"), T33: T33.replace("Twelve", "Fifteen")},
    ),
    (
        TRANSPORT,
        'Rule 3.2: "six" shall become "eight" and "each year" shall become "every year".',
        {T32: T32.replace("six", "eight").replace("each year", "every year")},
    ),
    # a whole point "to become" its new words
    (
        TRANSPORT,
        'Rule 3.3 to become: "Fifteen members shall form a quorum."',
        {T33: "3. Fifteen members shall form a quorum."},
    ),
    # the nominal forms: "by the deletion of ... and the insertion of ..."
    (
        TRANSPORT,
        'Amend Rule 3.3 by the deletion of "Twelve" and the insertion of "Fifteen".',
        {T33: T33.replace("Twelve", "Fifteen")},
    ),
    (
        TRANSPORT,
        'Rule 4.1: the removal of "two years" and the addition in its place of "year".',
        {T41: T41.replace("two years", "year")},
    ),
    # a span to the end, of the sentence or of the point: the full stop that ended it stays
    *[
        (
            TRANSPORT,
            instruction,
            {T43: "3. Motions for the Delegate Conference must reach the General Secretary."},
        )
        for instruction in (
            'Rule 4.3: delete the words from "not later than" to the end.',
            'Rule 4.3: leave out from "not later than" to the end of the sentence.',
            'In Rule 4.3 delete from "not later than" to the end of the rule.',
            'Rule 4.3: delete all words after "General Secretary".',
        )
    ],
    (
        TRANSPORT,
        'Rule 4.3: delete from "not later than" to the end and insert "by 1 March"',
        {T43: T43.replace("not later than twelve weeks before the Conference.", "by 1 March.")},
    ),
    (
        TRANSPORT,
        'Rule 3.4: leave out from "appoint" to the end of the sentence and insert "set up '
        'working groups"',
        {T34: T34.replace("appoint committees", "set up working groups")},
    ),
    # a new part whose noun the vocabulary does not have ("a new object") is the unit its own
    # label says, and joins the series of that shape, indented like it
    *[
        (TRANSPORT, instruction, {T2D: T2D + "\n   (e) to campaign for public transport."})
        for instruction in (
            'Rule 2.1: add a new object: "(e) to campaign for public transport."',
            'Rule 2.1: add a new object (e): "to campaign for public transport."',
            'Add to Rule 2.1: "(e) to campaign for public transport."',
        )
    ],
    # a book of chapters over rules: "Rule 1.2" is point 2 of Rule 1, not Rule 2 of Chapter 1
    *[
        (TRANSPORT, instruction, {T12: T12.replace("Leeds", "Manchester")})
        for instruction in (
            'Rule 1.2: delete "Leeds" and insert "Manchester".',
            'Rule 1.2, line 1: leave out "Leeds", insert "Manchester".',
            'Chapter 1, Rule 1, paragraph 2: for "Leeds" read "Manchester".',
        )
    ],
    # "restate" names the part it restates before or after it
    *[
        (TRANSPORT, instruction, {T42: "2. Each branch may send two delegates."})
        for instruction in (
            'Rule 4.2 – restate as follows: "Each branch may send two delegates."',
            'Rule 4.2: restate as "Each branch may send two delegates."',
            'In Rule 4, restate paragraph 2 as "Each branch may send two delegates."',
        )
    ],
    # between two words that stand together
    (
        TRANSPORT,
        'In Rule 4.2 insert "voting" between "one" and "delegate".',
        {T42: T42.replace("one delegate", "one voting delegate")},
    ),
    # words put before a sentence run into it: the capital moves to them
    (
        TRANSPORT,
        'Insert at the start of Rule 4.2: "subject to Rule 4.1,"',
        {T42: T42.replace("2. Each", "2. Subject to Rule 4.1, each")},
    ),
    (
        TRANSPORT,
        'Rule 3.4: before "Each committee" insert "where possible,"',
        {T34: T34.replace("Each committee", "Where possible, each committee")},
    ),
    # a whole sentence put first leaves the next one as it was
    (
        TRANSPORT,
        'Rule 3.4: insert at the start: "Committees are welcome."',
        {T34: T34.replace("4. The", "4. Committees are welcome. The")},
    ),
    # a point moved to become another takes its place and number; the others move along
    (
        TRANSPORT,
        "Move Rule 4.3 to become Rule 4.1.",
        {
            T41: "1." + T43.removeprefix("3."),
            T42: "2." + T41.removeprefix("1."),
            T43: "3." + T42.removeprefix("2."),
        },
    ),
    (
        TRANSPORT,
        "Move Rule 3.2 so that it becomes Rule 3.3.",
        {T32: "2." + T33.removeprefix("3."), T33: "3." + T32.removeprefix("2.")},
    ),
    # "a new paragraph after paragraph 2" where the paragraphs are numbered is numbered
    (
        TRANSPORT,
        'Rule 3: insert new paragraph after paragraph 2: "Meetings may be held online."',
        {
            T32: T32 + "\n3. Meetings may be held online.",
            T33: "4." + T33.removeprefix("3."),
            T34: "5." + T34.removeprefix("4."),
        },
    ),
    # a schedule after the last article is a part of its own, with its own paragraphs
    (
        EASTSIDE,
        'Schedule 1, paragraph 2: delete "seven" and insert "ten".',
        {ES2: ES2.replace("seven", "ten")},
    ),
    (
        EASTSIDE,
        'Schedule 1, standing order 3: at end add "received before the meeting opens".',
        {ES3: ES3.replace("motions.", "motions received before the meeting opens.")},
    ),
    (
        EASTSIDE,
        'Amendment No. 3 to Schedule 1:\n\nIn paragraph 2, delete "seven" and insert "ten".',
        {ES2: ES2.replace("seven", "ten")},
    ),
    # ... and a new clause 1.2 goes after the 1.1 of Article 1, not into the schedule
    (
        EASTSIDE,
        'Insert a new clause 1.2: "The Alliance covers Eastside and Riverside."',
        {E11: E11 + "\n\n1.2 The Alliance covers Eastside and Riverside."},
    ),
    # a new item given as "(c)" in a list lettered "a)" is lettered "c)", the rest move on
    (
        EASTSIDE,
        'Article 2.1 – after (b) insert new (c) "tackle the housing crisis;" and re-letter.',
        {E2C: "c) tackle the housing crisis;\nd) defend community spaces."},
    ),
    # "the (whole) clause" is the one just named; "replace with" after a place restates it
    *[
        (EASTSIDE, instruction, {E22: "2.2 The Alliance is independent."})
        for instruction in (
            'Article 2.2 – replace the whole clause with "The Alliance is independent."',
            'Article 2.2: delete the whole clause and insert "The Alliance is independent."',
            'Article 2.2: replace with: "The Alliance is independent."',
            'Article 2.2: delete "non-partisan". Replace with "independent".',
        )
    ],
    (
        EASTSIDE,
        'Article 2.1(a): replace with "build the collective power of residents;"',
        {E2A: "a) build the collective power of residents;"},
    ),
    # a new unit with a title on its label's line: the line set like its neighbour's
    (
        EASTSIDE,
        'Add a new Article 5 – Finance: "5.1 The financial year ends on 31 March."',
        {E43: E43 + "\n\nArticle 5 – Finance\n\n5.1 The financial year ends on 31 March."},
    ),
    (
        EASTSIDE,
        'Add a new Article 5: "5.1 The financial year ends on 31 March."',
        {E43: E43 + "\n\nArticle 5\n\n5.1 The financial year ends on 31 March."},
    ),
    (
        NORTHERN,
        'Insert a new Rule 6 – Finance: "6.1 The financial year ends on 31 March."',
        {N_EXEC: N_EXEC + "\n\n## Rule 6 – Finance\n\n6.1 The financial year ends on 31 March."},
    ),
    # quoted words before a passive action are what it acts on
    (
        EASTSIDE,
        'Schedule 1, paragraph 1: "fourteen" to be replaced with "twenty-one".',
        {ES1: ES1.replace("fourteen", "twenty-one")},
    ),
    # an amendment named for the rule it amends: its changes act in that rule
    *[
        (
            TRANSPORT,
            instruction,
            {T41: T41.replace("two years", "year"), T42: T42.replace("500", "250")},
        )
        for instruction in (
            'Amendments to Rule 4:\n(a) in clause 1, delete "two years" and insert "year";\n'
            '(b) in clause 2, delete "500" and insert "250".',
            'Amendment to Rule 4\n\n1. In clause 1, for "two years" read "year".\n'
            '2. In clause 2, "500" to become "250".',
        )
    ],
    (
        TRANSPORT,
        'Amendment to Rule 4.2: delete "500" and insert "250".',
        {T42: T42.replace("500", "250")},
    ),
    # a new point numbered 3.5 in a book that prints Rule 3's points "1.", "2." is printed "5."
    *[
        (
            TRANSPORT,
            instruction,
            {T34: T34 + "\n5. The General Council shall publish its minutes."},
        )
        for instruction in (
            'Insert new rule 3.5 after rule 3.4: "The General Council shall publish its minutes."',
            'Rule 3: add new duty 3.5: "The General Council shall publish its minutes."',
            'Insert a new Rule 3.5: "The General Council shall publish its minutes."',
        )
    ],
    # one change made in each of several rules, completed by "and insert"; the capital of a
    # clause's first word kept where the amendment quoted it in lower case
    (
        NORTHERN,
        'Rules 4.2 and 4.3: delete "the Executive" and insert "the Committee".',
        {
            N42: "4.2 The Committee shall meet at least four times a year.",
            N43: "4.3 A quorum of the Committee shall be five members.",
        },
    ),
    # before-and-after forms, on lines of their own or run on in one line, quoted or not
    (
        NORTHERN,
        "Rule 4.3\nOld text: A quorum of the Executive shall be five members.\n"
        "New text: A quorum of the Executive shall be one third of its members.",
        {N43: "4.3 A quorum of the Executive shall be one third of its members."},
    ),
    (
        NORTHERN,
        "Rule 4.2. Existing text: The Executive shall meet at least four times a year. "
        "Amended text: The Executive shall meet at least six times a year.",
        {N42: "4.2 The Executive shall meet at least six times a year."},
    ),
    # a definition: deleted whole, restated whole, or given a new meaning
    (NORTHERN, 'In Rule 5, delete the definition of "General Meeting".', {N_GM: None}),
    (
        NORTHERN,
        'In Rule 5, amend the definition of "General Meeting" to read: "General Meeting" means '
        "the Annual General Meeting, a Special General Meeting or a Delegate Conference.",
        {
            N_GM: '"General Meeting" means the Annual General Meeting, a Special General '
            "Meeting or a Delegate Conference."
        },
    ),
    (
        NORTHERN,
        "Delete the definition of 'Executive' and replace with: 'the officers and the elected "
        "members.'",
        {N_EXEC: '"Executive" means the officers and the elected members.'},
    ),
    # "the words" on both sides; new words that open with a comma join the word before
    (
        NORTHERN,
        'In rule 4.2 replace the words "at least four" with the words "not less than four".',
        {N42: "4.2 The Executive shall meet not less than four times a year."},
    ),
    (
        NORTHERN,
        'Rule 2.1 (d): delete "and community groups" and insert ", community groups and '
        'faith groups".',
        {N2D: "(d) to work with trade unions, community groups and faith groups."},
    ),
    # the number the amendment gives: a rule, a lettered item, a heading with its clauses and
    # the text's references to it
    (NORTHERN, "Renumber Rule 4.4 as 4.5.", {N44: "4.5" + N44[3:]}),
    (NORTHERN, "Reletter sub-paragraph (d) of Rule 2.1 as (e).", {N2D: "(e)" + N2D[3:]}),
    (
        NORTHERN,
        "Renumber Rule 4 as Rule 6.",
        {
            "## Rule 4 – The Executive": "## Rule 6 – The Executive",
            N41: "6.1" + N41[3:],
            N42: "6.2" + N42[3:],
            N43: "6.3" + N43[3:],
            N44: "6.4" + N44[3:],
            N_EXEC: N_EXEC.replace("Rule 4", "Rule 6"),
        },
    ),
    (NORTHERN, "Delete Rule 4.3 and renumber Rule 4.4 as 4.3.", {N43: None, N44: "4.3" + N44[3:]}),
    # "for ... read ...", one or several, each pair in the place named before it
    (NORTHERN, 'Rule 4.1, for "six" read "eight".', {N41: N41.replace("six", "eight")}),
    (
        NORTHERN,
        'In Rule 4.1 for "six" read "eight" and for "Treasurer" read "Finance Officer".',
        {N41: N41.replace("six", "eight").replace("Treasurer", "Finance Officer")},
    ),
    (
        NORTHERN,
        'Rule 4.2: for "four" read "six"; Rule 4.3: for "five" read "seven".',
        {N42: N42.replace("four", "six"), N43: N43.replace("five", "seven")},
    ),
    (
        NORTHERN,
        'Rule 4.2: replace "four" with "six" and "year" with "month".',
        {N42: N42.replace("four", "six").replace("year", "month")},
    ),
    (
        NORTHERN,
        'In Rule 4.1 substitute "eight" for "six" and "President" for "Chair".',
        {N41: N41.replace("six", "eight").replace("Chair", "President")},
    ),
    (
        NORTHERN,
        'Add a new sentence at the end of Rule 4.3: "Vacancies do not affect the quorum."',
        {N43: N43 + " Vacancies do not affect the quorum."},
    ),
    # a new numbered paragraph takes the number given; a new item joins its tight list
    (
        NORTHERN,
        'Rule 4: add a new paragraph 4.5: "The Executive may co-opt up to two members."',
        {
            "4.4 The Secretary shall keep minutes of every meeting.": (
                "4.4 The Secretary shall keep minutes of every meeting.\n\n"
                "4.5 The Executive may co-opt up to two members."
            )
        },
    ),
    (
        NORTHERN,
        'Rule 2.1: insert a new sub-paragraph (e) "to publish a newsletter twice a year."',
        {N2D: N2D + "\n(e) to publish a newsletter twice a year."},
    ),
    # a leading label as the scope, in the book's lettered-dotted numbering, spaced or lower case
    (
        TENANTS,
        'Rule B.2.2, delete "Treasurer" and insert "Finance Officer".',
        {B22: "B.2.2 The Finance Officer may waive the subscription in hardship."},
    ),
    (
        TENANTS,
        'B 2.2: leave out "may waive" and insert "shall waive"',
        {B22: "B.2.2 The Treasurer shall waive the subscription in hardship."},
    ),
    (
        TENANTS,
        'In rule b.2.1, after "unwaged" insert "and student".',
        {B21: "B.2.1 The subscription for unwaged and student members is half the full rate."},
    ),
    (
        TENANTS,
        'Strike out "in hardship" in rule B.2.2.',
        {B22: "B.2.2 The Treasurer may waive the subscription."},
    ),
    # several units named at once, in the sentence or on a line of their own
    (
        TENANTS,
        'Rules A.1 and B.1: replace "Northfield" with "North Field".',
        {
            "A.1 The federation shall be called the Northfield Tenants' Federation.": (
                "A.1 The federation shall be called the North Field Tenants' Federation."
            ),
            "B.1 Membership is open to any tenant in Northfield.": (
                "B.1 Membership is open to any tenant in North Field."
            ),
        },
    ),
    (
        TENANTS,
        'Rules A.1 and B.1:\n\nReplace "Northfield" with "North Field".',
        {
            "A.1 The federation shall be called the Northfield Tenants' Federation.": (
                "A.1 The federation shall be called the North Field Tenants' Federation."
            ),
            "B.1 Membership is open to any tenant in Northfield.": (
                "B.1 Membership is open to any tenant in North Field."
            ),
        },
    ),
    (
        BRANCH,
        'Standing Orders 9.1 and 9.2: replace "submitted" with "sent".',
        {
            SO91: "Standing Order 9.1 Motions are sent in writing.",
            SO92: "Standing Order 9.2 Amendments are sent two days before the meeting.",
        },
    ),
    # sentences and items inside a labelled unit
    (
        TENANTS,
        "Rule C.2, delete the second sentence.",
        {C2: "C.2 Officers are elected at the annual meeting. They may stand again."},
    ),
    (
        TENANTS,
        'Rule C.2, final sentence, replace "again" with "for re-election".',
        {C2: C2.replace("stand again", "stand for re-election")},
    ),
    (
        TENANTS,
        'Rule A.2(c): delete "facing eviction" and insert "threatened with eviction".',
        {
            "(c) to support tenants facing eviction.": (
                "(c) to support tenants threatened with eviction."
            )
        },
    ),
    (
        TENANTS,
        'In Rule A.2, item (a), after "every" insert "street and".',
        {
            "(a) to organise tenants in every block;": (
                "(a) to organise tenants in every street and block;"
            )
        },
    ),
    (
        TENANTS,
        "Rule A.2, delete item (b).",
        {
            "(b) to win repairs and fair rents;": None,
            "(c) to support tenants facing eviction.": "(b) to support tenants facing eviction.",
        },
    ),
    # a unit restated, in three wordings
    (
        TENANTS,
        'Rule C.3 to read: "C.3 The Treasurer keeps the accounts."',
        {C3: "C.3 The Treasurer keeps the accounts."},
    ),
    (
        TENANTS,
        'Amend Rule C.1 so it reads: "The officers are the Chair and the Secretary."',
        {
            "C.1 The officers are the Chair, the Secretary and the Treasurer.": (
                "C.1 The officers are the Chair and the Secretary."
            )
        },
    ),
    (
        TENANTS,
        "Rule C.3, delete and replace with:\n\n    C.3 The Treasurer keeps the accounts.",
        {C3: "C.3 The Treasurer keeps the accounts."},
    ),
    # throughout the book; a unit named by its heading
    (
        TENANTS,
        'Throughout the rule book, replace "Treasurer" with "Finance Officer".',
        {
            B22: B22.replace("Treasurer", "Finance Officer"),
            "C.1 The officers are the Chair, the Secretary and the Treasurer.": (
                "C.1 The officers are the Chair, the Secretary and the Finance Officer."
            ),
            C3: C3.replace("Treasurer", "Finance Officer"),
        },
    ),
    (
        TENANTS,
        'In the rule headed "Membership", delete "in Northfield".',
        {
            "B.1 Membership is open to any tenant in Northfield.": (
                "B.1 Membership is open to any tenant."
            )
        },
    ),
    # named units: articles, roman-numbered clauses, standing orders and their abbreviation
    (
        BRANCH,
        'Article 2, Clause II: delete "twelve" and insert "fifteen".',
        {"Clause II The quorum is twelve members.": "Clause II The quorum is fifteen members."},
    ),
    (
        BRANCH,
        'Standing Order 9.2: for "two days" substitute "five days".',
        {SO92: SO92.replace("two days", "five days")},
    ),
    (
        BRANCH,
        'SO 9.1 – delete "in writing" and insert "by e-mail".',
        {SO91: "Standing Order 9.1 Motions are submitted by e-mail."},
    ),
    (
        BRANCH,
        'In Article 1, replace "Riverside Branch" with "Riverside and District Branch".',
        {
            "The name of the union branch is Riverside Branch.": (
                "The name of the union branch is Riverside and District Branch."
            )
        },
    ),
    # numbers that follow a deleted, new or moved unit, in the book's own style
    (
        TENANTS,
        "Delete rule B.2.1 and renumber.",
        {B21: None, B22: "B.2.1 The Treasurer may waive the subscription in hardship."},
    ),
    (
        BRANCH,
        "Delete Clause II and renumber accordingly.",
        {
            "Clause II The quorum is twelve members.": None,
            "Clause III Notice of a special meeting is given seven days before it.": (
                "Clause II Notice of a special meeting is given seven days before it."
            ),
        },
    ),
    (
        TENANTS,
        'Insert new rule after B.1: "B.2 Applications are decided by the committee."',
        {
            "B.2 Members pay a subscription set by the annual meeting.": (
                "B.2 Applications are decided by the committee.\n\n"
                "B.3 Members pay a subscription set by the annual meeting."
            ),
            B21: B21.replace("B.2.1", "B.3.1"),
            B22: B22.replace("B.2.2", "B.3.2"),
            "B.3 A member who owes": "B.4 A member who owes",
        },
    ),
    (
        TENANTS,
        "Move rule B.3 to after rule B.1.",
        {
            "B.3 A member who owes two years' subscriptions ceases to be a member.": None,
            "B.2 Members pay a subscription set by the annual meeting.": (
                "B.2 A member who owes two years' subscriptions ceases to be a member.\n\n"
                "B.3 Members pay a subscription set by the annual meeting."
            ),
            B21: B21.replace("B.2.1", "B.3.1"),
            B22: B22.replace("B.2.2", "B.3.2"),
        },
    ),
    (
        BRANCH,
        "Move Clause III so that it comes before Clause I.",
        {
            "Clause I Branch meetings are held monthly.": (
                "Clause I Notice of a special meeting is given seven days before it.\n\n"
                "Clause II Branch meetings are held monthly."
            ),
            "Clause II The quorum is twelve members.": "Clause III The quorum is twelve members.",
            "Clause III Notice of a special meeting is given seven days before it.": None,
        },
    ),
    (
        BRANCH,
        'Insert new Clause before Clause I: "Meetings are open to all members."',
        {
            "Clause I Branch meetings are held monthly.": (
                "Clause I Meetings are open to all members.\n\n"
                "Clause II Branch meetings are held monthly."
            ),
            "Clause II The quorum is twelve members.": "Clause III The quorum is twelve members.",
            "Clause III Notice": "Clause IV Notice",
        },
    ),
    (
        TENANTS,
        "Add at the end of Rule B: {B.4 Honorary members may be appointed by the annual meeting.}",
        {
            "B.3 A member who owes two years' subscriptions ceases to be a member.": (
                "B.3 A member who owes two years' subscriptions ceases to be a member.\n\n"
                "B.4 Honorary members may be appointed by the annual meeting."
            )
        },
    ),
    (
        TENANTS,
        'Rule B.2, add at the end: "Subscriptions are due in January."',
        {
            "B.2 Members pay a subscription set by the annual meeting.": (
                "B.2 Members pay a subscription set by the annual meeting. "
                "Subscriptions are due in January."
            )
        },
    ),
    # numbered changes in one amendment; the second renumbers what follows the first's unit
    (
        TENANTS,
        '1. In Rule B.3, replace "two years\' subscriptions" with "a year\'s subscription".\n'
        "2. Delete Rule C.2.",
        {
            "B.3 A member who owes two years' subscriptions": (
                "B.3 A member who owes a year's subscription"
            ),
            C2: None,
            C3: C3.replace("C.3", "C.2"),
        },
    ),
    # printed lines, word ranges and "all after", on a hard-wrapped clause
    (
        COMMITTEE,
        'Rule 5.1, line 2, delete "two" and insert "three".',
        {"every two months.": "every three months."},
    ),
    (
        COMMITTEE,
        'Rule 5.1 (Frequency): replace "at least every two months" with "monthly".',
        {
            "5.1 (Frequency) The committee meets at least\nevery two months.": (
                "5.1 (Frequency) The committee meets monthly."
            )
        },
    ),
    (
        COMMITTEE,
        'Rule 5.3: delete from "by" to "voting" and insert "by consensus".',
        {
            "5.3 Decisions are taken by a simple majority of those voting.": (
                "5.3 Decisions are taken by consensus."
            )
        },
    ),
    (
        COMMITTEE,
        'In 5.2, delete all after "meet".',
        {"5.2 The committee may meet online.": "5.2 The committee may meet."},
    ),
    (
        COMMITTEE,
        'Paragraph 5.2: at the end insert ", by video call"',
        {"5.2 The committee may meet online.": "5.2 The committee may meet online, by video call."},
    ),
    # before-and-after amendments
    (
        COMMITTEE,
        'Rule 5.2 currently reads "The committee may meet online." '
        'Change to "The committee may meet online or by telephone."',
        {
            "5.2 The committee may meet online.": (
                "5.2 The committee may meet online or by telephone."
            )
        },
    ),
    (
        COMMITTEE,
        'Rule 5.2 presently says "The committee may meet online." '
        'Amend to read "The committee may meet by telephone."',
        {"5.2 The committee may meet online.": "5.2 The committee may meet by telephone."},
    ),
    (
        COMMITTEE,
        'Rule 5.2: the current text "may meet online" should be changed to "may meet by telephone"',
        {"5.2 The committee may meet online.": "5.2 The committee may meet by telephone."},
    ),
    (
        BRANCH,
        'Old text: "The quorum is twelve members." New text: "The quorum is ten members."',
        {"Clause II The quorum is twelve members.": "Clause II The quorum is ten members."},
    ),
    (
        BRANCH,
        'Clause II\nExisting wording: "twelve members"\nProposed wording: "ten members"',
        {"Clause II The quorum is twelve members.": "Clause II The quorum is ten members."},
    ),
    # a motion's "That ... be amended by ...", naming the rule and then its changes
    (
        TENANTS,
        'That rule C.1 be amended by deleting "the Secretary" and inserting "two Secretaries".',
        {
            "C.1 The officers are the Chair, the Secretary and the Treasurer.": (
                "C.1 The officers are the Chair, two Secretaries and the Treasurer."
            )
        },
    ),
    # a rule, then the part of it meant: by its full label, or by a noun and its own label
    (
        TENANTS,
        'Rule A, A.2(b), replace "fair" with "affordable".',
        {"(b) to win repairs and fair rents;": "(b) to win repairs and affordable rents;"},
    ),
    (
        TENANTS,
        'Rule A, paragraph A.2, sub-paragraph (b), leave out "repairs and".',
        {"(b) to win repairs and fair rents;": "(b) to win fair rents;"},
    ),
    # moving a rule by where it is to stand
    (
        TENANTS,
        "Move rule C.3 to follow rule C.1.",
        {C2: "C.2" + C3.removeprefix("C.3"), C3: "C.3" + C2.removeprefix("C.2")},
    ),
    # a new rule slotted in with its own interpolated number: nothing else is renumbered
    (
        TENANTS,
        "Insert after rule B.1 the following new rule:\n\n"
        "B.1A Tenants' associations may join as affiliates.",
        {
            "B.1 Membership is open to any tenant in Northfield.": (
                "B.1 Membership is open to any tenant in Northfield.\n\n"
                "B.1A Tenants' associations may join as affiliates."
            )
        },
    ),
]


def _expected(book: str, changes: dict[str, str | None]) -> str:
    text = book
    for old, new in changes.items():
        assert text.count(old) == 1, f"the case's line {old!r} must be in the book once"
        if new is None:
            at = text.index(old)
            rest = text[at + len(old) :]
            text = text[:at] + rest.removeprefix("\n\n" if rest.startswith("\n\n") else "\n")
        else:
            text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    ("book", "instruction", "changes"),
    CASES,
    ids=[instruction[:60] for _, instruction, _ in CASES],
)
def test_rule_book_amendment_applies_exactly(book, instruction, changes):
    assert apply_amendment(book, instruction) == _expected(book, changes)


def test_a_preamble_and_a_reason_are_kept_as_the_explanation_not_applied():
    amendment = (
        "The branch proposes the following amendment to Standing Order 9.1:\n\n"
        'Delete "in writing" and insert "by e-mail".\n\n'
        "Reason: members rarely post letters."
    )
    assert apply_amendment(BRANCH, amendment) == _expected(
        BRANCH, {SO91: "Standing Order 9.1 Motions are submitted by e-mail."}
    )
    kinds = {(e.kind, e.text) for e in parse_amendment(amendment).explanation}
    assert ("reason", "Reason: members rarely post letters.") in kinds


def test_a_label_that_is_not_in_the_book_lists_what_the_book_has():
    with pytest.raises(AmendmentError) as refused:
        apply_amendment(TENANTS, 'Rule B.7, delete "subscription".')
    message = str(refused.value)
    assert "no rule B.7" in message
    assert "B.2.1" in message or "Rule B" in message


def test_a_unit_cannot_be_moved_inside_itself():
    with pytest.raises(AmendmentError, match="inside it"):
        apply_amendment(TENANTS, "Move rule B.2 to after rule B.2.1.")


INTERPOLATED = """Rule 3 Subscriptions are due in January.

Rule 3A Members in arrears may not vote.

Rule 4 The annual meeting is held in March.
"""


def test_a_series_with_an_interpolated_rule_keeps_its_numbers():
    assert apply_amendment(INTERPOLATED, "Delete rule 3.") == (
        "Rule 3A Members in arrears may not vote.\n\nRule 4 The annual meeting is held in March.\n"
    )
    unnamed = INTERPOLATED.replace("Rule ", "").replace("3A ", "3A. ")
    assert apply_amendment(unnamed, 'In 3A, delete "may not" and insert "may"') == unnamed.replace(
        "may not vote", "may vote"
    )


def test_the_words_as_they_stand_with_no_change_are_refused():
    with pytest.raises(AmendmentError, match="no change to them"):
        apply_amendment(NORTHERN, 'Rule 4.3 currently reads: "' + N43[4:] + '"')


@pytest.mark.parametrize(
    ("instruction", "message"),
    [
        ("Renumber Rule 4.3 as 4.4.", "two parts numbered 4.4"),
        # the reader takes "five" -> "six" in Rule 4.3 and nothing for "four": refused whole
        ('In Rule 4.2 "four" and in Rule 4.3 "five" should read "six".', "reads the words “four”"),
    ],
)
def test_a_change_the_engine_would_half_make_is_refused(instruction, message):
    with pytest.raises(AmendmentError, match=message):
        apply_amendment(NORTHERN, instruction)

"""The LLA constitution heading voted through the chair's console, as the demo holds it: the
CAC's procedural motion, the Rotherham amendment, options voted one by one, a group won by
"Neither", 3.2 won by option E and its conditional group, the 4.1 amendment, 4.2, 4.3 (no
"Neither"), then ratification; and the other branch, where the originals tie and the chair's
casting vote decides."""

import re

import pytest

from motions.demo.loader import DEMO_LOGINS, load_demo
from motions.voting.services import live, session_for


@pytest.fixture
def constitution(db):
    conference = load_demo()
    db.session.commit()
    return next(h for h in conference.headings if h.title == "Our structures/constitution")


def chair_logs_in(client) -> None:
    client.post("/login", data={"email": DEMO_LOGINS["accounts"]["chair"],
                                "password": DEMO_LOGINS["password"]})


def current(heading):
    return live(session_for(heading)).current


def vote(client, heading, votes: dict[str, int], casting_vote: str | None = None) -> str:
    """Count and declare the current item; returns its title."""
    item = current(heading)
    assert item is not None, "voting finished early"
    version = len(session_for(heading).actions)
    counted = client.post(f"/voting/headings/{heading.id}/count",
                          data={"version": version, **{k: str(v) for k, v in votes.items()}})
    assert counted.status_code == 302, counted.text
    extra = {"casting_vote": casting_vote} if casting_vote else {}
    declared = client.post(f"/voting/headings/{heading.id}/declare",
                           data={"version": version + 1, **extra})
    assert declared.status_code == 302, declared.text
    return item.title


def for_against(yes: int, no: int) -> dict[str, int]:
    return {"for": yes, "against": no, "abstain": 0}


def test_composite_branch_through_the_console(client, db, constitution):
    chair_logs_in(client)
    client.post(f"/voting/headings/{constitution.id}/start")

    assert "procedural motion" in vote(client, constitution, for_against(61, 22)).lower()
    assert "Rotherham" in vote(client, constitution, for_against(50, 30))
    assert "Option A.1" in vote(client, constitution, for_against(20, 60))  # free movement: lost
    assert "Option A.2" in vote(client, constitution, for_against(45, 30))  # natural justice
    assert "Option B" in vote(client, constitution, for_against(30, 40))    # vision: lost
    assert "2.2" in vote(client, constitution, {"A": 12, "B": 25, "C": 9, "Neither": 38})
    assert "3.2" in vote(client, constitution,
                         {"A": 20, "B": 11, "C": 8, "D": 6, "E": 31, "Neither": 4})
    assert "If Option A or E" in vote(client, constitution, {"1": 18, "2": 44, "3": 20})
    assert "Alan Pearson" in vote(client, constitution, for_against(47, 35))
    assert "4.2" in vote(client, constitution, {"A": 30, "B": 42, "Neither": 9})
    assert "4.3" in vote(client, constitution, {"A": 33, "B": 48})
    assert "Ratify" in vote(client, constitution, for_against(70, 10))
    assert current(constitution) is None

    record = client.get(f"/voting/headings/{constitution.id}/record").text
    agreed = record.split("Record of decisions")[0]
    assert "Principles" in agreed and "Aims" not in agreed            # Rotherham carried
    assert "natural justice and due process" in agreed                # 1.2 A.2 carried
    assert "free movement of people" not in agreed.lower()            # 1.2 A.1 lost
    assert "within and also beyond the Labour Party" not in agreed    # 2.2: Neither won
    assert "8 people elected at conference" in agreed                 # 3.2: option E
    assert "Call another conference in 6 months" not in agreed        # conditional: record only
    assert "CAC may facilitate in the compositing" in agreed          # 4.1 amendment carried
    assert "between 100 and 500 members" in agreed                    # 4.2: option B
    assert "simple majority of those voting" in agreed                # 4.3: option B
    assert "provisional" not in agreed
    decisions = record.split("Record of decisions")[1]
    assert re.search(r"Neither</strong>|\(Neither\)", decisions)
    assert decisions.count("skipped") >= 4                            # the originals superseded


def test_originals_branch_ends_with_the_chairs_casting_vote(client, db, constitution):
    chair_logs_in(client)
    client.post(f"/voting/headings/{constitution.id}/start")
    vote(client, constitution, for_against(30, 50))                  # procedural motion lost
    titles = []
    while (item := current(constitution)) is not None and item.kind.value == "amendment":
        titles.append(vote(client, constitution, for_against(40, 20)))
    assert any("B1" in t for t in titles) and any("B2" in t for t in titles)
    item = current(constitution)
    assert item.kind.value == "motions_against_each_other"
    choices = list(item.ballot.choices)
    tie = {choice: 0 for choice in choices} | {choices[0]: 20, choices[1]: 20}
    page_before = client.get(f"/voting/headings/{constitution.id}")
    assert page_before.status_code == 200
    vote(client, constitution, tie, casting_vote=choices[1])
    assert current(constitution) is None
    record = client.get(f"/voting/headings/{constitution.id}/record").text
    assert "Casting vote" in record and choices[1] in record

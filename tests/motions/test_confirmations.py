"""The chair's withdraw and remit ask first: on the console each form's only live button is the
"Yes" inside its question, and Enter in its text field does not send it."""

import re

from motions.models import Role, Ruling
from tests.motions.test_voting import MOTION, url


def test_withdrawing_or_remitting_an_item_asks_first(client, login, make_heading, make_user,
                                                     make_submission):
    heading = make_heading("Recruitment", published=True)
    make_submission(heading, make_user(Role.SUBMITTER), title="Regional organisers",
                    text=MOTION, ruling=Ruling.IN_ORDER)
    login(make_user(Role.CHAIR))
    assert client.post(url(heading, "start")).status_code == 302
    console = client.get(url(heading)).text
    for step, verb in (("withdraw", "Withdraw"), ("remit", "Remit")):
        form = console.split(f'action="/voting/headings/{heading.id}/{step}"')[1].split(
            "</form>")[0]
        buttons = re.findall(r"<button[^>]*>", form)
        # The first (Enter's default) is disabled; the only live one is inside the question.
        assert "disabled" in buttons[0] and len(buttons) == 2
        question = form.split('<details class="confirm-step">')[1]
        assert f'<summary class="button">{verb}…</summary>' in question
        assert "It will not be voted on" in question and "cannot be undone" in question
        assert re.search(rf"Yes, {verb.lower()} “[^”]*Regional organisers", question)

"""Through the pages: propose, vote with the form that fits the method, close, and read the
result; a refused ballot re-renders the page with the message and the input kept (4xx)."""

from django.urls import reverse

from commoning.decisions.models import Ballot, Proposal
from commoning.decisions.testing import clock_at
from commoning.log.models import Entry
from commoning.work.tests.artifact_kit import web_client


def _propose(client, **fields):
    form = {"question": "Which machine first?", "method": "irv", "kind": "ordinary",
            "options": "lathe\nlaser\nloom", "hours_open": "1"}
    form.update(fields)
    response = client.post(reverse("decision_new"), form)
    assert response.status_code == 303, response.content.decode()[:2000]
    return Proposal.objects.order_by("-created_ts").first()


def test_a_ranked_vote_goes_from_proposal_to_result(association, alice, bob, carol):
    proposal = _propose(web_client(alice))
    page = web_client(bob).get(reverse("decision", args=[proposal.id]))
    assert page.status_code == 200
    assert 'name="option-0"' in page.content.decode()
    for user, ranks in ((alice, {"option-1": "1"}), (bob, {"option-0": "1", "option-2": "2"}),
                        (carol, {"option-0": "2", "option-2": "1"})):
        response = web_client(user).post(reverse("decision_vote", args=[proposal.id]), ranks)
        assert response.status_code == 303
    assert Ballot.objects.get(voter_id=proposal.proposer_id).content == {"ranking": ["laser"]}
    with clock_at(proposal.closes_at):
        response = web_client(carol).post(reverse("decision_close", args=[proposal.id]),
                                          {"confirm": "on"})
    assert response.status_code == 303
    result = web_client(bob).get(reverse("decision_result", args=[proposal.id]))
    html = result.content.decode()
    assert result.status_code == 200
    assert "3 ballots counted" in html
    assert "Rounds" in html
    assert Proposal.objects.get(id=proposal.id).close_id is not None
    listing = web_client(bob).get(reverse("decisions") + "?state=closed")
    assert proposal.question in listing.content.decode()


def test_a_refused_ballot_stays_in_place_with_its_input(association, alice, bob):
    proposal = _propose(web_client(alice))
    entries = Entry.objects.count()
    response = web_client(bob).post(reverse("decision_vote", args=[proposal.id]),
                                    {"option-0": "1", "option-1": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "different rank" in html
    assert 'name="option-1" inputmode="numeric" maxlength="6" size="4" value="1"' in html
    assert Entry.objects.count() == entries


def test_an_objection_without_a_reason_is_refused_in_place(association, alice, bob):
    proposal = _propose(web_client(alice), method="consent", options="")
    response = web_client(bob).post(reverse("decision_vote", args=[proposal.id]),
                                    {"choice": "object"})
    assert response.status_code == 400
    assert "needs a reason" in response.content.decode()
    response = web_client(bob).post(reverse("decision_vote", args=[proposal.id]),
                                    {"choice": "object", "reason": "Too loud for the barn"})
    assert response.status_code == 303


def test_a_refused_proposal_form_keeps_its_input(association, alice):
    entries = Entry.objects.count()
    response = web_client(alice).post(reverse("decision_new"), {
        "question": "Pick one", "method": "approval", "kind": "ordinary", "options": "",
        "hours_open": "1"})
    assert response.status_code == 400
    assert "Pick one" in response.content.decode()
    assert Entry.objects.count() == entries


def test_the_delegation_page_delegates_and_revokes(association, bob, dave):
    client = web_client(bob)
    from commoning.decisions.tests.kit import member_id

    response = client.post(reverse("decision_delegation"),
                           {"topic": "seeds", "delegate": member_id(dave)})
    assert response.status_code == 303
    page = client.get(reverse("decision_delegation"))
    assert "seeds" in page.content.decode()
    response = client.post(reverse("decision_revoke"), {"topic": "seeds", "confirm": "on"})
    assert response.status_code == 303
    assert "You have not delegated" in client.get(reverse("decision_delegation")).content.decode()


def test_a_reload_of_an_action_address_goes_to_its_page(association, alice, bob):
    proposal = _propose(web_client(alice))
    response = web_client(bob).get(reverse("decision_vote", args=[proposal.id]))
    assert response.status_code == 303
    assert response["Location"] == reverse("decision", args=[proposal.id])

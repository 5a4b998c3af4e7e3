"""A proposal is found by the words of its question and its options, linking to its page."""

from django.urls import reverse

from commoning.decisions.tests.kit import open_vote
from commoning.search.index import catch_up
from commoning.search.query import search


def test_search_finds_a_proposal_by_its_question_and_options(association, net, alice):
    proposal = open_vote(alice, method="approval", options=["bandsaw", "plasma table"],
                         question="Which machines go to the mill?")
    catch_up()
    by_question = search(net, "machines", kind="proposal").items
    assert [result.id for result in by_question] == [proposal.id]
    assert by_question[0].link == reverse("decision", args=[proposal.id])
    assert [result.id for result in search(net, "bandsaw").items] == [proposal.id]

"""Replying to a listing is a conversation thread on its page; its author may then agree with
one of those who replied, chosen by name."""

from commoning.market.actions import create_listing
from commoning.market.models import Agreement
from commoning.talk.actions import post_comment

from .helpers import member_id


def test_a_reply_shows_on_the_listing_and_its_author_agrees_with_the_replier(client, bob, dave):
    want = create_listing(bob, side="want", kind="skill", title="A welder for a trailer hitch",
                          category="repair")
    post_comment(dave, want.id, body="I weld now and then; Thursday?")
    client.force_login(bob)
    page = client.get(f"/market/{want.id}/").content.decode()
    assert "I weld now and then" in page
    assert f'<option value="{member_id(dave)}"' in page
    response = client.post(f"/market/{want.id}/agree/", {"party": member_id(dave),
                                                         "currency": "", "amount": ""})
    assert response.status_code == 303
    agreement = Agreement.objects.get()
    # On a want, its author pays the one who does the work.
    assert (agreement.payer_id, agreement.payee_id) == (member_id(bob), member_id(dave))
    assert agreement.party_id == member_id(dave)

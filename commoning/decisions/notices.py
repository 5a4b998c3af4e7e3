"""Notifications of decisions (a notify source): open votes the member may cast a ballot in;
and a proposal as a conversation subject (talk.subjects), so its page carries a thread.

Worked out when read (notify.sources): the newest open proposals, kept if the member is in the
frozen electorate and has not voted yet. A page of notices reads at most `limit` * 3 proposals.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.decisions.electorate import view_of
from commoning.decisions.models import Ballot, Proposal
from commoning.log import clock
from commoning.notify.sources import Notice, before_q, register

OPEN_VOTE = "vote:"


def open_votes(net: str, member_id: str, before, limit: int) -> list[Notice]:
    proposals = list(
        Proposal.objects.filter(net=net, close_id__isnull=True, closes_at__gt=clock.now_ms())
        .filter(before_q(before, prefix=OPEN_VOTE, ts_field="created_ts"))
        .order_by("-created_ts", "-id")[: limit * 3])
    voted = set(Ballot.objects.filter(proposal_id__in=[p.id for p in proposals],
                                      voter_id=member_id).values_list("proposal_id", flat=True))
    notices = []
    for proposal in proposals:
        if proposal.id in voted or member_id not in view_of(net, proposal.roster_heads).members:
            continue
        text = _("A vote is open: %(question)s") % {"question": proposal.question}
        notices.append(Notice(OPEN_VOTE + proposal.id, proposal.created_ts, text,
                              reverse("decision", args=[proposal.id])))
    return notices[:limit]


register("decisions", open_votes)


def find_proposal(net: str, subject_id: str):
    """A proposal as a conversation subject (talk.subjects): projection rows only."""
    from commoning.core.fields import HEX_ID
    from commoning.talk.subjects import Subject

    if not isinstance(subject_id, str) or not HEX_ID.match(subject_id):
        return None
    proposal = Proposal.objects.filter(net=net, id=subject_id).first()
    if proposal is None:
        return None
    return Subject("proposal", proposal.id, proposal.question,
                   reverse("decision", args=[proposal.id]), proposal.proposer_id)


def register_subject():
    from django.utils.translation import gettext_lazy

    from commoning.talk import subjects

    subjects.register("proposal", find_proposal, noun=gettext_lazy("proposal"), page="decision")


register_subject()

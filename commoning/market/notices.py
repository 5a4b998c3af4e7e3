"""What the market tells members (a notification source, see notify.sources): an agreement
proposed to them, which waits for their acceptance. Replies to a listing reach its author
through the conversation app, whose thread names the listing's author as the subject's owner."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.accounts.access import members_by_id
from commoning.market.models import Agreement
from commoning.notify.sources import Notice, before_q, register

PROPOSED = "agreement:"


def proposed_to_me(net: str, member_id: str, before, limit: int) -> list[Notice]:
    """Agreements proposed to the member, newest first (an index range on party_id)."""
    proposed = list(
        Agreement.objects.filter(net=net, party_id=member_id)
        .filter(before_q(before, prefix=PROPOSED, ts_field="created_ts"))
        .order_by("-created_ts", "-id")[:limit]
    )
    names = members_by_id(agreement.proposer_id for agreement in proposed)
    notices = []
    for agreement in proposed:
        proposer = names.get(agreement.proposer_id)
        words = {"name": proposer.name if proposer else _("A member")}
        text = _("%(name)s proposed an agreement to you in the market.") % words
        link = reverse("market_agreement", args=[agreement.id])
        notices.append(Notice(PROPOSED + agreement.id, agreement.created_ts, text, link))
    return notices


register("market_agreements", proposed_to_me)

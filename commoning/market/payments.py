"""Paying from an agreement, and reading whether it is paid. The payment itself is a credit
transfer (credit's `do_transfer`) that names the agreement in its deps; the agreement is paid
once such a transfer, from its payer to its payee, in its currency and of its amount, is
accepted. A transfer that names the agreement but differs in any of these is just a transfer:
it pays nothing here. Derived at read time for a page's agreements at once, in two queries
whatever the page holds (no per-row queries), from projections only (no clock)."""

import orjson
from django.db.models import Q

from commoning.log.models import Entry, EntryStatus

PENDING, PAID = "pending", "paid"


def pay(user, agreement) -> str:
    """The payer's credit transfer of the agreed amount, naming the agreement; its memo is the
    listing's title, so both wallets say what it was for."""
    from commoning.credit.actions import do_transfer
    from commoning.credit.rules import MEMO_MAX
    from commoning.market.models import Listing

    title = Listing.objects.filter(id=agreement.listing_id).values_list("title", flat=True)
    memo = (title.first() or "")[:MEMO_MAX].strip()
    return do_transfer(user, agreement.currency_id, agreement.payee_id, agreement.amount_minor,
                       memo=memo, extra_deps=[agreement.id])


def statuses(agreements) -> dict:
    """{agreement id: PAID or PENDING} for agreements with a settling transfer that is accepted
    or still waiting; a declined or expired one is released and pays nothing."""
    from commoning.credit.models import Transfer

    priced = [agreement for agreement in agreements if agreement.currency_id]
    if not priced:
        return {}
    # Only transfers between the same two members, of the same amount and currency, dated no
    # earlier than the agreement (a dep is never later than what names it) can settle it.
    matching = Q()
    for agreement in priced:
        matching |= Q(payer_id=agreement.payer_id, payee_id=agreement.payee_id,
                      currency_id=agreement.currency_id, amount_minor=agreement.amount_minor,
                      ts__gte=agreement.created_ts)
    transfers = {
        row[0]: row for row in Transfer.objects.filter(matching, net=priced[0].net)
        .exclude(status="released")
        .values_list("id", "payer_id", "payee_id", "currency_id", "amount_minor", "status")
    }
    named = Entry.objects.filter(id__in=list(transfers), status=EntryStatus.APPLIED)
    found = {}
    for transfer_id, deps in named.values_list("id", "deps"):
        _id, payer_id, payee_id, currency_id, amount_minor, status = transfers[transfer_id]
        deps = set(orjson.loads(deps))
        for agreement in priced:
            settles = agreement.id in deps and (payer_id, payee_id, currency_id, amount_minor) == (
                agreement.payer_id, agreement.payee_id, agreement.currency_id,
                agreement.amount_minor)
            if settles and found.get(agreement.id) != PAID:
                found[agreement.id] = PAID if status == "accepted" else PENDING
    return found


def payment_of(agreement) -> str | None:
    return statuses([agreement]).get(agreement.id)

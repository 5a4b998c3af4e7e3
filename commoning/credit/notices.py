"""What mutual credit tells members (a notify source): a payment waiting for their answer."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.accounts.access import members_by_id
from commoning.credit.models import Currency, Transfer
from commoning.credit.money import format_amount
from commoning.notify.sources import Notice, before_q, register

WAITING = "payment:"


def payments_waiting(net: str, member_id: str, before, limit: int) -> list[Notice]:
    """Payments to the member still waiting for an accept or decline, newest first."""
    waiting = list(
        Transfer.objects.filter(net=net, payee_id=member_id, status="pending",
                                answer_seq__isnull=True)
        .filter(before_q(before, prefix=WAITING)).order_by("-ts", "-id")[:limit]
    )
    names = {m.id: m.name for m in members_by_id(t.payer_id for t in waiting).values()}
    currencies = Currency.objects.in_bulk({transfer.currency_id for transfer in waiting})
    notices = []
    for transfer in waiting:
        currency = currencies[transfer.currency_id]
        text = _("%(name)s paid you %(amount)s: accept or decline it.") % {
            "name": names.get(transfer.payer_id) or _("A member"),
            "amount": format_amount(transfer.amount_minor, currency.exponent, currency.symbol),
        }
        notices.append(Notice(key=WAITING + transfer.id, ts=transfer.ts, text=text,
                              link=reverse("credit_wallet", args=[currency.id])))
    return notices


register("payments_waiting", payments_waiting)

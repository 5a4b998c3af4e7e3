"""Pages of mutual credit: currencies, a member's wallet, paying and answering payments.
Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.accounts.access import NotAMember, current_member, members_by_id, members_of
from commoning.accounts.actions import default_network
from commoning.core.fields import FieldError
from commoning.credit import access, actions
from commoning.credit.chart import balance_chart
from commoning.credit.forms import PAYEE_CHOICES_MAX, CurrencyForm, PayForm
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import action_of, see_other
from commoning.log.registry import Rejected


def _net() -> str:
    return default_network() or ""


def _currency_or_404(currency_id):
    currency = access.currency_by_id(_net(), currency_id)
    if currency is None:
        raise Http404(_("No such currency."))
    return currency


def credit_home(request):
    net = _net()
    member = current_member(request.user) if request.user.is_authenticated else None
    wallets = {account.currency_id: account for account in access.wallets_of(net, member.id)} \
        if member else {}
    currencies = list(access.currencies_in(net)[:100])
    for currency in currencies:
        currency.wallet = wallets.get(currency.id)
    waiting = list(access.waiting_for(net, member.id)[:50]) if member else []
    _name_people(waiting)
    by_id = {currency.id: currency for currency in currencies}
    for transfer in waiting:
        transfer.currency = by_id.get(transfer.currency_id) or access.currency_by_id(
            net, transfer.currency_id)
    return render(request, "credit/home.html", {"currencies": currencies, "waiting": waiting})


def _name_people(transfers) -> None:
    names = members_by_id({t.payer_id for t in transfers} | {t.payee_id for t in transfers})
    for transfer in transfers:
        transfer.payer = names.get(transfer.payer_id)
        transfer.payee = names.get(transfer.payee_id)


@login_required
def currency_new(request):
    form = CurrencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["default_limit_minor"] \
            is not None:
        data = form.cleaned_data
        try:
            currency = actions.create_currency(
                request.user, name=data["name"], symbol=data["symbol"], exponent=data["exponent"],
                default_limit_minor=data["default_limit_minor"],
                ceiling_minor=data["ceiling_minor"])
        except (FieldError, Rejected, NotAMember) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Currency created. You are its first steward."))
            return see_other("credit_currency", currency_id=currency.id)
    return render(request, "credit/currency_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def currency_page(request, currency_id: str):
    currency = _currency_or_404(currency_id)
    after = request.GET.get("after", "")[:64]
    accounts = access.accounts_of(currency, after=after)
    names = members_by_id([account.member_id for account in accounts])
    for account in accounts:
        account.member = names.get(account.member_id)
    frozen = access.frozen_accounts(currency)
    return render(request, "credit/currency.html", {
        "currency": currency, "accounts": accounts,
        "next_after": accounts[-1].member_id if len(accounts) == access.ACCOUNTS_PAGE else "",
        "balance_sum": access.balance_sum(currency),
        "steward": names.get(currency.steward_id) or members_by_id([currency.steward_id])
        .get(currency.steward_id),
        "frozen": frozen, "frozen_debt": sum(min(a.balance_minor, 0) for a in frozen),
    })


def _wallet_context(request, currency, form=None):
    net, member = _net(), current_member(request.user)
    account = access.account_in(net, currency.id, member.id)
    page = keyset_page(request, access.history_query(currency.id, member.id))
    names = members_by_id({row.counterparty_id for row in page if row.counterparty_id})
    for row in page:
        row.counterparty = names.get(row.counterparty_id)
    recent = list(access.history_query(currency.id, member.id)[:access.CHART_POINTS])
    balance = account.balance_minor if account else 0
    waiting = list(access.waiting_for(net, member.id, currency.id)[:50])
    sent = list(access.sent_pending(net, member.id, currency.id)[:50])
    _name_people(waiting + sent)
    members = [m for m in members_of(net)[:PAYEE_CHOICES_MAX] if m.id != member.id]
    return {
        "currency": currency, "account": account, "balance": balance,
        "limit": access.limit_of(currency, account), "page": page,
        "chart": balance_chart(balance, recent),
        "waiting": waiting, "sent": sent,
        "form": form or PayForm(currency=currency, members=members),
    }


@login_required
def wallet(request, currency_id: str):
    currency = _currency_or_404(currency_id)
    try:
        return render(request, "credit/wallet.html", _wallet_context(request, currency))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)


def _wallet_url(currency_id):
    return reverse("credit_wallet", args=[currency_id])


@login_required
@action_of(_wallet_url)
def pay(request, currency_id: str):
    currency = _currency_or_404(currency_id)
    members = list(members_of(_net())[:PAYEE_CHOICES_MAX])
    form = PayForm(request.POST, currency=currency, members=members)
    status = 400
    if form.is_valid():
        try:
            actions.do_transfer(request.user, currency.id, form.cleaned_data["payee"],
                                form.cleaned_data["amount"], memo=form.cleaned_data["memo"])
        except (FieldError, Rejected, NotAMember) as error:
            add_action_error(form, error)
            status = getattr(error, "status", 400)
        else:
            messages.success(request, _("Payment sent. It counts once they accept it."))
            return see_other("credit_wallet", currency_id=currency.id)
    return render(request, "credit/wallet.html", _wallet_context(request, currency, form),
                  status=status)


def _home_url(*args, **kwargs):
    return reverse("credit_home")


def _answer(request, transfer_id: str, action, done: str):
    transfer = access.transfer_by_id(_net(), transfer_id)
    if transfer is None:
        raise Http404(_("No such payment."))
    try:
        action(request.user, transfer.id)
    except (Rejected, NotAMember) as error:
        return error_page(request, getattr(error, "reason", str(error)),
                          getattr(error, "status", 403))
    messages.success(request, done)
    return see_other("credit_wallet", currency_id=transfer.currency_id)


@login_required
@action_of(_home_url)
def accept(request, transfer_id: str):
    return _answer(request, transfer_id, actions.do_accept, _("Payment accepted."))


@login_required
@action_of(_home_url)
def decline(request, transfer_id: str):
    return _answer(request, transfer_id, actions.do_decline,
                   _("Payment declined: the amount goes back to the payer."))

"""Pages of the treasury: the public transparency page (no login needed), its CSV export, and
the stewards' forms (record income, propose a payment, approve). Thin: actions write, access
reads; a refused form re-renders the page with the form bound and a 4xx."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.accounts.access import NotAMember, current_member, members_by_id
from commoning.accounts.actions import default_network
from commoning.core.fields import FieldError
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import action_of, see_other
from commoning.log.registry import Rejected
from commoning.treasury import access, actions, governance
from commoning.treasury.chart import month_chart
from commoning.treasury.csv_export import csv_lines
from commoning.treasury.forms import ApproveForm, IncomeForm, PaymentForm
from commoning.treasury.money import format_minor

MOVEMENTS_PER_PAGE = 25


def _net() -> str:
    return default_network() or ""


def _treasury_or_404(treasury_id):
    treasury = access.get_treasury(_net(), treasury_id)
    if treasury is None:
        raise Http404(_("No such treasury."))
    return treasury


def _is_steward(user) -> bool:
    member = current_member(user)
    return member is not None and governance.is_steward_now(_net(), member.id)


def treasury_home(request):
    """The network's treasury (the first opened), or a note that none is open yet."""
    treasuries = list(access.treasuries_in(_net())[:20])
    if len(treasuries) == 1:
        return treasury_page(request, treasuries[0].id)
    return render(request, "treasury/list.html", {"treasuries": treasuries})


def treasury_page(request, treasury_id, *, forms=None, status=200):
    treasury = _treasury_or_404(treasury_id)
    try:
        page = keyset_page(request, access.movements_of(treasury), MOVEMENTS_PER_PAGE)
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    accounts = list(access.accounts_of(treasury))
    names = {account.id: account.name for account in accounts}
    pending = list(access.pending_payments_of(treasury)[:50])
    postings = access.postings_by_movement([movement.id for movement in page])
    people = members_by_id({m.author_id for m in [*page, *pending]}
                           | {member for m in [*page, *pending] for member in m.approvers})
    for movement in [*page, *pending]:
        exponent = treasury.currencies.get(movement.currency, 2)
        movement.amount_text = format_minor(movement.amount_minor, exponent)
        movement.lines = [(names.get(account, "?"), format_minor(amount, exponent))
                          for account, amount in postings.get(movement.id, [])]
        movement.approver_names = [people[m].name if m in people else m[:8]
                                   for m in movement.approvers]
        movement.author_name = people[movement.author_id].name if (
            movement.author_id in people) else movement.author_id[:8]
    for account in accounts:
        exponent = treasury.currencies.get(account.currency, 2)
        # Shown the way a treasurer reads them: income is a credit balance; money held, money
        # set aside in reserves and spending are debit balances.
        shown = -account.balance_minor if account.kind == "income" else (
            account.balance_minor)
        account.balance_text = format_minor(shown, exponent)
    charts = [(currency, month_chart(access.month_totals_of(treasury, currency), exponent,
                                     currency))
              for currency, exponent in sorted(treasury.currencies.items())]
    steward = _is_steward(request.user)
    forms = forms or {}
    context = {
        "treasury": treasury, "accounts": accounts, "page": page, "pending": pending,
        "charts": charts, "is_steward": steward,
        "income_form": forms.get("income") or IncomeForm(accounts=accounts),
        "payment_form": forms.get("payment") or PaymentForm(accounts=accounts),
        "approve_form": forms.get("approve") or ApproveForm(),
        "approve_payment": forms.get("approve_payment", ""),
    }
    return render(request, "treasury/page.html", context, status=status)


def treasury_csv(request, treasury_id):
    treasury = _treasury_or_404(treasury_id)
    response = StreamingHttpResponse(csv_lines(treasury), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="treasury-movements.csv"'
    return response


def _page_of(treasury_id, **_ignored):
    return reverse("treasury_page", args=[treasury_id])


def _refused(request, treasury_id, name, form, error, **extra):
    add_action_error(form, error)
    status = getattr(error, "status", 400) if isinstance(error, Rejected) else 400
    if isinstance(error, NotAMember):
        status = 403
    return treasury_page(request, treasury_id, forms={name: form, **extra}, status=status)


@login_required
@action_of(_page_of)
def record_income(request, treasury_id):
    treasury = _treasury_or_404(treasury_id)
    form = IncomeForm(request.POST, accounts=list(access.accounts_of(treasury)))
    if not form.is_valid():
        return treasury_page(request, treasury.id, forms={"income": form}, status=400)
    try:
        actions.record_income(request.user, treasury.id, **form.cleaned_data)
    except (FieldError, Rejected, NotAMember) as error:
        return _refused(request, treasury.id, "income", form, error)
    messages.success(request, _("Income recorded."))
    return see_other("treasury_page", treasury_id=treasury.id)


@login_required
@action_of(_page_of)
def propose_payment(request, treasury_id):
    treasury = _treasury_or_404(treasury_id)
    form = PaymentForm(request.POST, accounts=list(access.accounts_of(treasury)))
    if not form.is_valid():
        return treasury_page(request, treasury.id, forms={"payment": form}, status=400)
    try:
        actions.propose_payment(request.user, treasury_id=treasury.id, **form.cleaned_data)
    except (FieldError, Rejected, NotAMember) as error:
        return _refused(request, treasury.id, "payment", form, error)
    messages.success(request, _("Payment proposed; it waits for the stewards' approvals."))
    return see_other("treasury_page", treasury_id=treasury.id)


@login_required
@action_of(_page_of)
def approve_payment(request, treasury_id, payment_id):
    treasury = _treasury_or_404(treasury_id)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return treasury_page(request, treasury.id, status=400,
                             forms={"approve": form, "approve_payment": payment_id})
    try:
        actions.approve_payment(request.user, payment_id)
    except (FieldError, Rejected, NotAMember) as error:
        return _refused(request, treasury.id, "approve", form, error, approve_payment=payment_id)
    messages.success(request, _("Your approval is recorded."))
    return see_other("treasury_page", treasury_id=treasury.id)

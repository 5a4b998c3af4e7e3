"""Pages of the market: the marketplace, a listing, a new or edited listing, your listings and
your agreements. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.accounts.access import members_by_id
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.markdown import render as markdown
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import action_of, see_other
from commoning.log.append import attachment_text
from commoning.market import access, actions, currencies, payments
from commoning.market.forms import AgreeForm, ConfirmForm, ListingForm
from commoning.market.words import CATEGORIES, KINDS, SIDES
from commoning.work.page_kit import ACTION_ERRORS, member_id_of, net_or_404, refusal_status


def _priced(net, rows):
    """Give each listing or agreement its price in words, with one query for the currencies."""
    known = currencies.by_ids(net, (row.currency_id for row in rows))
    for row in rows:
        currency = known.get(row.currency_id)
        amount = getattr(row, "price_minor", None)
        amount = row.amount_minor if amount is None else amount
        row.price_words = currencies.price_words(currency, amount) if currency else ""
        row.amount_text = currencies.amount_text(currency, amount) if currency else ""
    return rows


def marketplace(request):
    net = net_or_404()
    wanted = access.ListingFilter.from_query(request.GET)
    try:
        page = keyset_page(request, access.open_listings(net, wanted))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    _priced(net, page)
    authors = members_by_id(listing.author_id for listing in page)
    for listing in page:
        listing.author = authors.get(listing.author_id)
    return render(request, "market/marketplace.html", {
        "page": page, "wanted": wanted, "filter_query": wanted.as_query(),
        "sides": SIDES, "kinds": KINDS, "categories": CATEGORIES,
        "currencies": currencies.of_network(net),
    })


def _listing_or_404(listing_id):
    listing = access.get_listing(net_or_404(), listing_id[:64])
    if listing is None:
        raise Http404(_("No such listing."))
    return listing


def _listing_url(listing_id):
    return reverse("market_listing", args=[listing_id[:64]])


def listing_detail(request, listing_id: str):
    return _listing_page(request, _listing_or_404(listing_id))


def _listing_page(request, listing, *, status=200, agree_form=None, withdraw_form=None,
                  refusal=None):
    net = listing.net
    member_id = member_id_of(request.user)
    agreements = _priced(net, list(access.agreements_on(listing, member_id)))
    paid = payments.statuses(agreements) if agreements else {}
    for agreement in agreements:
        agreement.payment = paid.get(agreement.id)
    _priced(net, [listing])
    is_author = access.may_edit(member_id, listing)
    repliers = access.repliers(listing) if is_author else []
    names = members_by_id({listing.author_id, *repliers,
                           *(a.proposer_id for a in agreements), *(a.party_id for a in agreements)})
    network_currencies = currencies.of_network(net)
    agree_form = agree_form or AgreeForm(currencies=network_currencies, initial={
        "currency": listing.currency_id,
        "amount": listing.amount_text,
    })
    return render(request, "market/listing.html", {
        "listing": listing,
        "description": markdown(attachment_text(listing.description_hash)),
        "names": names,
        "repliers": repliers,
        "agreements": agreements,
        "member_id": member_id,
        "is_author": is_author,
        "agree_form": agree_form,
        "withdraw_form": withdraw_form or ConfirmForm(),
        "refusal": refusal,
        "sides": SIDES, "kinds": KINDS, "categories": CATEGORIES,
    }, status=status)


@login_required
def listing_new(request):
    net = net_or_404()
    form = ListingForm(request.POST or None, currencies=currencies.of_network(net))
    if request.method == "POST" and form.is_valid():
        try:
            listing = actions.create_listing(request.user, **form.action_fields())
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Listed. Members can reply below it and agree with you."))
            return see_other("market_listing", listing_id=listing.id)
    return render(request, "market/form.html", {"form": form, "editing": None},
                  status=400 if form.errors else 200)


@login_required
def listing_edit(request, listing_id: str):
    listing = _listing_or_404(listing_id)
    if not access.may_edit(member_id_of(request.user), listing):
        refusal_status(request, PermissionError("not the listing's author"), 403)
        return error_page(request, _("Only the listing's author may change it."), 403)
    network_currencies = currencies.of_network(listing.net)
    _priced(listing.net, [listing])
    initial = {
        "kind": listing.kind, "title": listing.title, "category": listing.category,
        "place": listing.place, "currency": listing.currency_id,
        "amount": listing.amount_text,
        "lat": _degrees(listing.lat_micro), "lon": _degrees(listing.lon_micro),
        "description": attachment_text(listing.description_hash) or "",
    }
    form = ListingForm(request.POST or None, currencies=network_currencies, initial=initial,
                       editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_listing(request.user, listing.id, **form.action_fields())
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Listing saved."))
            return see_other(_listing_url(listing.id))
    return render(request, "market/form.html", {"form": form, "editing": listing},
                  status=400 if form.errors else 200)


def _degrees(micro: int | None) -> str:
    if micro is None:
        return ""
    sign = "-" if micro < 0 else ""
    return f"{sign}{abs(micro) // 1_000_000}.{abs(micro) % 1_000_000:06d}".rstrip("0")


def _refused(request, listing, error, **forms_shown):
    status = refusal_status(request, error)
    reason = getattr(error, "reason", None) or str(error)
    return _listing_page(request, listing, status=status, refusal=reason, **forms_shown)


@action_of(_listing_url)
@login_required
def listing_withdraw(request, listing_id: str):
    listing = _listing_or_404(listing_id)
    reopen = request.POST.get("reopen") == "1"
    form = ConfirmForm(request.POST)
    if not reopen and not form.is_valid():
        return _listing_page(request, listing, status=400, withdraw_form=form)
    try:
        actions.edit_listing(request.user, listing.id, open=reopen)
    except ACTION_ERRORS as error:
        return _refused(request, listing, error, withdraw_form=form)
    messages.success(request, _("Listing open again.") if reopen else _("Listing withdrawn."))
    return see_other(_listing_url(listing.id))


@action_of(_listing_url)
@login_required
def listing_agree(request, listing_id: str):
    listing = _listing_or_404(listing_id)
    form = AgreeForm(request.POST, currencies=currencies.of_network(listing.net))
    if not form.is_valid():
        return _listing_page(request, listing, status=400, agree_form=form)
    try:
        agreement = actions.propose_agreement(
            request.user, listing.id, party_id=form.cleaned_data["party"] or None,
            currency=form.cleaned_data["currency"], amount_minor=form.cleaned_data["amount_minor"],
        )
    except ACTION_ERRORS as error:
        add_action_error(form, error)
        return _listing_page(request, listing, status=refusal_status(request, error),
                             agree_form=form)
    messages.success(request, _("Agreement proposed. The other party accepts it next."))
    return see_other("market_agreement", agreement_id=agreement.id)


def _agreement_url(agreement_id):
    return reverse("market_agreement", args=[agreement_id[:64]])


def _agreement_or_404(request, agreement_id):
    agreement = access.get_agreement(net_or_404(), member_id_of(request.user), agreement_id[:64])
    if agreement is None:
        raise Http404(_("No such agreement of yours."))
    return agreement


@login_required
def agreement_detail(request, agreement_id: str):
    return _agreement_page(request, _agreement_or_404(request, agreement_id))


def _agreement_page(request, agreement, *, status=200, refusal=None):
    listing = access.get_listing(agreement.net, agreement.listing_id)
    _priced(agreement.net, [agreement])
    return render(request, "market/agreement.html", {
        "agreement": agreement,
        "listing": listing,
        "payment": payments.payment_of(agreement),
        "names": members_by_id({agreement.payer_id, agreement.payee_id}),
        "member_id": member_id_of(request.user),
        "refusal": refusal,
    }, status=status)


def _agreement_action(action, done):
    @action_of(_agreement_url)
    @login_required
    def act(request, agreement_id: str):
        agreement = _agreement_or_404(request, agreement_id)
        try:
            action(request.user, agreement.id)
        except ACTION_ERRORS as error:
            return _agreement_page(request, agreement, status=refusal_status(request, error),
                                   refusal=getattr(error, "reason", None) or str(error))
        messages.success(request, done())
        return see_other(_agreement_url(agreement.id))

    return act


agreement_accept = _agreement_action(
    actions.accept_agreement, lambda: _("Agreement accepted. The payer can pay from it now."))
agreement_pay = _agreement_action(
    actions.pay_agreement,
    lambda: _("Payment sent. It counts once the payee accepts it in their wallet."))


@login_required
def my_listings(request):
    net = net_or_404()
    member_id = member_id_of(request.user)
    if member_id is None:
        return error_page(request, _("Only members of this network have listings."), 403)
    try:
        page = keyset_page(request, access.listings_of(net, member_id))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    _priced(net, page)
    return render(request, "market/mine.html", {"page": page, "sides": SIDES})


@login_required
def my_agreements(request):
    net = net_or_404()
    member_id = member_id_of(request.user)
    if member_id is None:
        return error_page(request, _("Only members of this network make agreements."), 403)
    try:
        page = keyset_page(request, access.agreements_of(net, member_id))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    _priced(net, page)
    paid = payments.statuses(page) if page else {}
    listings = access.listings_by_id(net, (agreement.listing_id for agreement in page))
    names = members_by_id({a.payer_id for a in page} | {a.payee_id for a in page})
    for agreement in page:
        agreement.payment = paid.get(agreement.id)
        agreement.listing = listings.get(agreement.listing_id)
    return render(request, "market/agreements.html",
                  {"page": page, "names": names, "member_id": member_id})

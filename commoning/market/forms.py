"""Forms of market pages: they carry input; the rules live in actions and events. Coordinates
and prices are typed as text and turned into integers here, never through floats."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from commoning.market.events import DESCRIPTION_MAX, PLACE_MAX, TITLE_MAX
from commoning.market.words import CATEGORIES, KINDS, SIDES, choices

DEGREES = re.compile(r"^-?\d{1,3}(\.\d{1,6})?\Z")
AMOUNT_TEXT_MAX = 24


def micro_degrees(text: str) -> int:
    """'46.52' -> 46520000, by string arithmetic (a float would round differently on some
    inputs, and coordinates reach signed entries)."""
    negative = text.startswith("-")
    whole, _dot, fraction = text.lstrip("-").partition(".")
    value = int(whole) * 1_000_000 + int((fraction + "000000")[:6])
    return -value if negative else value


class PriceFields(forms.Form):
    """A currency of the network (or a gift) and an amount typed in its units ("12.50")."""

    currency = forms.ChoiceField(label=_("Price in"), required=False)
    amount = forms.CharField(label=_("Amount"), required=False, max_length=AMOUNT_TEXT_MAX)

    def __init__(self, *args, currencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.currencies = {currency.id: currency for currency in currencies}
        self.fields["currency"].choices = [("", _("A gift (no price)"))] + [
            (currency.id, f"{currency.name} ({currency.symbol})") for currency in currencies
        ]

    def clean(self):
        from commoning.credit.money import parse_amount

        cleaned = super().clean()
        currency = self.currencies.get(cleaned.get("currency") or "")
        cleaned["amount_minor"] = None
        if currency is not None:
            try:
                cleaned["amount_minor"] = parse_amount(cleaned.get("amount") or "",
                                                       currency.exponent)
            except ValueError as error:
                self.add_error("amount", str(error))
        return cleaned


class ListingForm(PriceFields):
    side = forms.ChoiceField(label=_("This is"), choices=choices(SIDES), widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("Kind"), choices=choices(KINDS))
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    category = forms.ChoiceField(label=_("Category"), choices=choices(CATEGORIES))
    place = forms.CharField(label=_("Place"), max_length=PLACE_MAX, required=False,
                            help_text=_("A village or area, never a street address."))
    lat = forms.CharField(label=_("Latitude (optional)"), required=False, max_length=12,
                          help_text=_("In degrees, e.g. 46.52; kept to about a kilometre."))
    lon = forms.CharField(label=_("Longitude (optional)"), required=False, max_length=12)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}), help_text=_("Markdown is fine."),
    )
    field_order = ["side", "kind", "title", "category", "place", "lat", "lon", "currency",
                   "amount", "description"]

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["side"]  # an offer stays an offer

    def clean(self):
        cleaned = super().clean()
        for field in ("lat", "lon"):
            text = (cleaned.get(field) or "").strip()
            if text and not DEGREES.match(text):
                self.add_error(field, _("Write degrees as a number, e.g. 46.52."))
            cleaned[field] = micro_degrees(text) if text and DEGREES.match(text) else None
        return cleaned

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **{field: data[field] for field in ("kind", "title", "category", "place", "lat",
                                                "lon", "currency", "description")},
            **({"side": data["side"]} if "side" in data else {}),
            "amount_minor": data["amount_minor"],
        }


class AgreeForm(PriceFields):
    """Propose an agreement: the listing's author names the other member; anyone else agrees
    with the author."""

    party = forms.CharField(label=_("With member (their member id)"), required=False,
                            max_length=64)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I am sure"), required=True)

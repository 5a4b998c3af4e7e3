"""Template filters of the association's pages."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def minor_units(amount: int, currency: str = "") -> str:
    """An amount in minor units as a decimal (two places, as most currencies have)."""
    whole, cents = divmod(int(amount), 100)
    return f"{whole}.{cents:02d} {currency}".strip()


@register.filter
def role_words(role: str) -> str:
    return {"steward": _("steward"), "teller": _("teller")}.get(role, role)


@register.filter
def kind_words(kind: str) -> str:
    return {"ordinary": _("ordinary decisions"), "statutes": _("changes of the statutes"),
            "election": _("elections"), "spending": _("spending")}.get(kind, kind)

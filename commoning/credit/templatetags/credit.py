"""Template filters of mutual credit: amounts written exactly in a currency's units."""

from django import template

from commoning.credit.money import format_amount

register = template.Library()


@register.simple_tag
def amount(amount_minor, currency):
    """`{% amount row.amount_minor currency %}` -> "12.50 h"."""
    return format_amount(amount_minor or 0, currency.exponent, currency.symbol)

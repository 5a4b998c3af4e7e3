"""Template filters of budget pages."""

from django import template

from commoning.budgets.money import format_amount

register = template.Library()


@register.filter
def money(minor, currency):
    """`{{ project.cost_minor|money:round.currency }}`: 1,500.00 EUR."""
    return format_amount(minor, currency)

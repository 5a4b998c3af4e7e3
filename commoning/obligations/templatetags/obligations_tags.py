"""Template filters of obligation pages."""

from django import template

from commoning.obligations.money import format_amount

register = template.Library()


@register.filter
def minor(value) -> str:
    """Minor units as an amount with two decimals: 123456 -> 1,234.56."""
    return format_amount(int(value))


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: a member's name from the page's {id: name}."""
    return mapping.get(key) if mapping else None

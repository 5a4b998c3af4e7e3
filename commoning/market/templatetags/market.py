"""Template filters of market pages: words for codes, names for member ids."""

from django import template

from commoning.market.words import CATEGORIES, KINDS, SIDES

register = template.Library()


@register.filter
def side_words(code):
    return SIDES.get(code, code)


@register.filter
def kind_words(code):
    return KINDS.get(code, code)


@register.filter
def category_words(code):
    return CATEGORIES.get(code, code)


@register.filter
def member_name(member_id, members):
    """`{{ id|member_name:names }}`, where names maps member ids to members."""
    member = members.get(member_id)
    return member.name if member else ""

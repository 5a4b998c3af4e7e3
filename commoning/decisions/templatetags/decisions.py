"""Template words for decisions: method names, a ballot's choices, the numbers a form shows."""

from django import template
from django.utils.translation import gettext as _

from commoning.decisions.forms import METHOD_NAMES

register = template.Library()


@register.filter
def method_words(method: str) -> str:
    return str(dict(METHOD_NAMES).get(method, method))


@register.filter
def choices_of(method: str) -> list[tuple[str, str]]:
    if method == "consent":
        return [("yes", _("I consent")), ("abstain", _("I stand aside")),
                ("object", _("I object (give a reason)"))]
    return [("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain"))]


@register.simple_tag
def ballot_number(ballot, posted, method: str, option: str, index: int) -> str:
    """The number a score or rank field shows: as posted on a refused form, else the ballot's."""
    if posted:
        return posted.get(f"option-{index}", "")
    if not ballot:
        return ""
    if method == "score":
        return str(ballot.get("scores", {}).get(option, ""))
    ranking = ballot.get("ranking", [])
    return str(ranking.index(option) + 1) if option in ranking else ""


@register.filter
def count_text(value) -> str:
    """A count as plain text: a number, or "option: n" pairs of a nested count."""
    if isinstance(value, dict):
        return ", ".join(f"{key}: {count_text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(count_text(item) for item in value)
    return str(value)

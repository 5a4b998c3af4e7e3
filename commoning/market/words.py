"""The market's fixed vocabularies, defined once: sides, kinds and categories, each with the
words members read. Rules check the codes; pages show the words."""

from django.utils.translation import gettext_lazy as _

SIDES = {"offer": _("Offer"), "want": _("Want")}
KINDS = {
    "goods": _("Goods"),
    "service": _("Service"),
    "skill": _("Skill"),
    "hospitality": _("Hospitality"),
}
# A fixed list, so filters find things; "other" catches the rest.
CATEGORIES = {
    "food": _("Food and seeds"),
    "tools": _("Tools and machines"),
    "repair": _("Repair and making"),
    "transport": _("Transport"),
    "lodging": _("Lodging"),
    "farming": _("Farming and land"),
    "learning": _("Teaching and learning"),
    "care": _("Care and health"),
    "crafts": _("Crafts and clothing"),
    "digital": _("Computers and software"),
    "other": _("Other"),
}


def choices(words: dict) -> list[tuple[str, str]]:
    return list(words.items())

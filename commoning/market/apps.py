"""Django app config for the market of offers and wants."""

from django.apps import AppConfig


class MarketConfig(AppConfig):
    name = "commoning.market"
    label = "market"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.market import events, notices, search_kind, subjects  # noqa: F401

"""Django app config for decisions."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "commoning.decisions"
    label = "decisions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.decisions import events, notices, search_kind  # noqa: F401  (registration)

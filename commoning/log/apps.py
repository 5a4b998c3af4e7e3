"""Django app config for the log."""

from django.apps import AppConfig


class LogConfig(AppConfig):
    name = "commoning.log"
    label = "log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.log import events  # noqa: F401  (registers the genesis entry type)

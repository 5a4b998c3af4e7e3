"""Django app config for obligations and clearing runs."""

from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "commoning.obligations"
    label = "obligations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.obligations import events, notices  # noqa: F401  (registration)

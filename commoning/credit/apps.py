"""Django app config for credit (mutual credit)."""

from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "commoning.credit"
    label = "credit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.credit import events  # noqa: F401  (registration)

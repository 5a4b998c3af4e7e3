"""Django app config for the treasury."""

from django.apps import AppConfig


class TreasuryConfig(AppConfig):
    name = "commoning.treasury"
    label = "treasury"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.treasury import events  # noqa: F401  (registration)
        from commoning.treasury.governance import register_effect

        register_effect()  # the "grant" effect a spending decision may carry

"""Django app config for participatory budgets."""

from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "commoning.budgets"
    label = "budgets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.budgets import events, subjects  # noqa: F401  (registration)

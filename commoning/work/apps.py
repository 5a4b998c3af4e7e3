"""Django app config for peer production (work)."""

from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "commoning.work"
    label = "work"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.work import events  # noqa: F401  (registration)

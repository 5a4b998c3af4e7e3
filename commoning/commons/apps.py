"""Django app config for commons."""

from django.apps import AppConfig


class CommonsConfig(AppConfig):
    name = "commoning.commons"
    label = "commons"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.commons import events  # noqa: F401  (registration)

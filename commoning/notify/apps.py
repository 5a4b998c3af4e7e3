"""Django app config for notifications."""

from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "commoning.notify"
    label = "notify"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.notify import work_sources  # noqa: F401  (registration)

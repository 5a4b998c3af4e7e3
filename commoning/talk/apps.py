"""Django app config for conversation."""

from django.apps import AppConfig


class TalkConfig(AppConfig):
    name = "commoning.talk"
    label = "talk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.talk import builtin_subjects, events, notices  # noqa: F401  (registration)

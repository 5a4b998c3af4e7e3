"""Django app config for health: registers the node's system checks."""

from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "commoning.health"
    label = "health"

    def ready(self):
        from commoning.health import checks  # noqa: F401  (registers the checks)

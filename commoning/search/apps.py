"""Django app config for search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "commoning.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.search import kinds  # noqa: F401  (registration of the indexed kinds)

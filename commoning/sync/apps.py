"""Django app config for sync: peers, HTTP sync endpoints and offline bundles."""

from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "commoning.sync"
    label = "sync"
    default_auto_field = "django.db.models.BigAutoField"

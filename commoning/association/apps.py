"""Django app config for the association (issue 13: membership, roles and statutes)."""

from django.apps import AppConfig


class AssociationConfig(AppConfig):
    name = "commoning.association"
    label = "association"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from commoning.association import events  # noqa: F401  (registration)
        from commoning.association.decisions import register_effects

        register_effects()

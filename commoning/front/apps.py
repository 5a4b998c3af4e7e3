"""Django app config for the front end."""

from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "commoning.front"
    label = "front"

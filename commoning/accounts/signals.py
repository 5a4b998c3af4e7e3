"""Login and logout land in the security log, whichever view or test client caused them."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from commoning.accounts import security


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    security.record("auth:login:succeeded", request=request, user=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    security.record("auth:login:failed", request=request, username=credentials.get("username", ""))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    security.record("auth:logout:succeeded", request=request, user=user)

"""Password login by folded name: `ALICE`, `alice` in fullwidth letters, and `alice` are one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from commoning.accounts.actions import user_for_login_name


class FoldedNameBackend(ModelBackend):
    """Django's ModelBackend, finding the login through names.username_key."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = user_for_login_name(username)
        if user is None:
            # Hash anyway, so an unknown name takes as long as a wrong password (as Django does).
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


class DemoAwareModelBackend(ModelBackend):
    """Demo accounts share a published password: they may log in only on a DEBUG system."""

    def user_can_authenticate(self, user):
        if getattr(user, "is_demo", False) and not settings.DEBUG:
            return False
        return super().user_can_authenticate(user)


class DemoAwareTokenAuthentication(TokenAuthentication):
    """A token issued to a demo account while DEBUG was on stops working when DEBUG is off."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if getattr(user, "is_demo", False) and not settings.DEBUG:
            raise AuthenticationFailed(_("Demo accounts are disabled on this system."))
        return user, token

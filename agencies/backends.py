from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .services import api_token_mark_used


class DemoAwareModelBackend(ModelBackend):
    """Demo accounts share a published password: they may log in only on a DEBUG system."""

    def user_can_authenticate(self, user):
        if getattr(user, "is_demo", False) and not settings.DEBUG:
            return False
        return super().user_can_authenticate(user)


class DemoAwareTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>` with a hashed, expiring knox token.

    A token issued to a demo account while DEBUG was on stops working when DEBUG is off. Each
    use is noted (at most once a minute) and, through knox's AUTO_REFRESH, pushes the expiry
    TOKEN_TTL further, so only a token left unused for that long dies.
    """

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if getattr(user, "is_demo", False) and not settings.DEBUG:
            raise AuthenticationFailed(_("Demo accounts are disabled on this system."))
        api_token_mark_used(token=token)
        return user, token

    def renew_token(self, auth_token):
        """Left to api_token_mark_used, which writes the expiry and the last use together."""

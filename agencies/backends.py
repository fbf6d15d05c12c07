from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .lockout import address_blocked, count_address_failure
from .services import api_token_mark_used


class AddressLimitBackend:
    """First in AUTHENTICATION_BACKENDS: refuses every login from a network address that has
    failed too often lately, whatever the username (agencies.lockout). A refusal is a failed
    login like any other; the forms and the API then say when to try again.

    It has no get_user on purpose: a session is never tied to it (like axes' backend)."""

    def authenticate(self, request, **credentials):
        if request is not None and address_blocked(request):
            request.login_address_blocked = True
            raise PermissionDenied  # stops the other backends; user_login_failed is sent
        return None


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    if request is not None and not getattr(request, "login_address_blocked", False):
        count_address_failure(request)


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

"""Rate limits of the endpoints open to anyone, per client IP address (common.net.client_ip).

Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (THROTTLE_*_RATE in the environment)
and are read when a request comes, so a changed setting applies at once. The counters live in
the default cache: Redis in production, so every web process shares them.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from common.net import client_ip


class PublicRateThrottle(AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request)


class TokenRateThrottle(PublicRateThrottle):
    """POST /api/v1/auth/token/: password guessing, beside the per-account lockout."""

    scope = "auth_token"


class RegistryRateThrottle(PublicRateThrottle):
    """GET /api/v1/registry/: the public registry."""

    scope = "registry"


class VerifyRateThrottle(PublicRateThrottle):
    """GET /api/v1/verify/{code}/: the public check of a certificate's verification code
    (api/verify.py): guessing codes must stay slow."""

    scope = "verify"

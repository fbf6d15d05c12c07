"""POST /api/v1/auth/token/, /auth/logout/ and /auth/logout-all/ — API tokens (django-rest-knox).

Only a hash of each token is stored. A token dies after API_TOKEN_TTL_DAYS without use (each
use extends it), on logout, and when its owner's password changes (agencies.models.User.save).
Logins here count towards the same lockout as the login page (django-axes, agencies.lockout).
"""

from django.contrib.auth import authenticate, user_logged_in
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies import services
from agencies.backends import DemoAwareTokenAuthentication
from agencies.lockout import refused_login, retry_after
from agencies.models import ApiToken

from .throttles import TokenRateThrottle


class TokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <token>` in the OpenAPI schema (Swagger's Authorize button)."""

    target_class = "agencies.backends.DemoAwareTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField(
        help_text="When the token dies if it is not used; each use pushes it further."
    )


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class LoginErrorSerializer(serializers.Serializer):
    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)
    username = serializers.ListField(child=serializers.CharField(), required=False)
    password = serializers.ListField(child=serializers.CharField(), required=False)


TOO_MANY = OpenApiResponse(
    DetailSerializer,
    description="Too many attempts: this username is locked out from this IP address after "
    "LOGIN_FAILURE_LIMIT wrong passwords (the message says until when), or this IP address "
    "made too many requests. The Retry-After header gives the seconds to wait.",
)


class ObtainTokenView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenRateThrottle]

    @extend_schema(
        request=CredentialsSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(LoginErrorSerializer, description="Wrong username or password."),
            429: TOO_MANY,
        },
        auth=[],
        summary="Get an API token",
    )
    def post(self, request):
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        credentials = serializer.validated_data
        user = authenticate(request=request, **credentials)
        if user is None:
            return self._refused(request, credentials["username"])
        user_logged_in.send(sender=type(user), request=request, user=user)
        token, key = services.api_token_create(user=user)
        return Response(TokenSerializer({"token": key, "expiry": token.expiry}).data)

    def _refused(self, request, username):
        if refused := refused_login(request, username):
            message, ends_at = refused
            return Response(
                {"detail": message},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(retry_after(ends_at))},
            )
        message = _("Wrong username or password.")
        return Response({"non_field_errors": [message]}, status=status.HTTP_400_BAD_REQUEST)


class LogoutView(APIView):
    """Revokes the token this request was made with."""

    authentication_classes = [DemoAwareTokenAuthentication]

    @extend_schema(
        request=None, responses={204: None, 401: DetailSerializer}, summary="Revoke the token used"
    )
    def post(self, request):
        if not isinstance(request.auth, ApiToken):
            raise NotAuthenticated
        services.api_token_revoke(user=request.user, token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Revokes every token of the caller (a token or a browser session)."""

    @extend_schema(
        request=None, responses={204: None, 401: DetailSerializer}, summary="Revoke all my tokens"
    )
    def post(self, request):
        services.api_tokens_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="api-logout-all"),
]

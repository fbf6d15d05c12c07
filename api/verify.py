"""GET /api/v1/verify/{code}/ — anyone checks a certificate or decision by its verification code.

No login, credentials not even read; throttled per client IP so codes cannot be guessed fast.
Answers only what the document states and whether it still stands — nothing confidential."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.selectors import verifiable_document, verification

from .throttles import VerifyRateThrottle


class DecisionRefSerializer(serializers.Serializer):
    number = serializers.CharField()
    date = serializers.DateField(allow_null=True)


class VerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField(help_text="Issued and neither revoked nor superseded.")
    status = serializers.ChoiceField(choices=["issued", "superseded", "revoked"])
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    number = serializers.CharField()
    version = serializers.IntegerField()
    issued_at = serializers.DateTimeField()
    title = serializers.CharField()
    holder = serializers.CharField(help_text="The author a certificate was issued to.")
    authors = serializers.ListField(child=serializers.CharField())
    decision = DecisionRefSerializer()
    revoked_by = DecisionRefSerializer(allow_null=True)
    superseded_by = serializers.CharField(allow_null=True)


class VerifyView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [VerifyRateThrottle]

    @extend_schema(responses=VerificationSerializer)
    def get(self, request, code):
        document = verifiable_document(code)
        if document is None:
            raise Http404(_("No certificate or decision has this code."))
        return Response(VerificationSerializer(verification(document)).data)


urlpatterns = [path("verify/<slug:code>/", VerifyView.as_view(), name="api-verify")]

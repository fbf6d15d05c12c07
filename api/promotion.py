"""POST /api/v1/initiatives/{id}/promote/ — the agency proposes its cơ sở-recognized initiative
to the province (issue 13): 201 with the provincial draft (linked both ways: its
`promoted_from`, the cơ sở dossier's `promoted_to`); 404 for a dossier the caller does not see,
403 for someone outside the agency, 409 when it cannot be proposed (not recognized at agency
level, or proposed before)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from workflow.promotion import initiative_promote

from . import serializers as s
from .views import InitiativeViewSet


class PromoteView(APIView):
    @extend_schema(request=None, responses={201: s.InitiativeDetailSerializer})
    def post(self, request, pk):
        draft = initiative_promote(initiative=pk, actor=request.user)
        detail = InitiativeViewSet(request=request, action="retrieve", format_kwarg=None)
        fresh = detail.get_queryset().get(pk=draft.pk)
        data = s.InitiativeDetailSerializer(fresh, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("initiatives/<int:pk>/promote/", PromoteView.as_view(), name="api-initiative-promote"),
]

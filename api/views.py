"""REST API v1 views: thin adapters from HTTP to selectors and services."""

from django.db import connection
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from adoption import services as adoption_services
from adoption.selectors import PUBLIC_STATES, adoptions_of, visible_adoptions
from agencies.models import Agency
from common.files import ALLOWED_TYPES, file_download
from initiatives import services as initiative_services
from initiatives.models import Attachment, Initiative
from initiatives.permissions import sees_confidential
from initiatives.selectors import initiative_detail_queryset, initiative_list, visible_initiatives
from notifications import selectors as notification_selectors
from notifications import services as notification_services
from notifications.models import Notification
from workflow import scoresheets
from workflow.selectors import active_rubric, initiative_history, log_details_for
from workflow.services import SERVICES

from . import adoption_serializers as a
from . import scoring_serializers as sc
from . import serializers as s
from . import transition_serializers as ts


class MeView(APIView):
    @extend_schema(responses=s.MeSerializer)
    def get(self, request):
        return Response(s.MeSerializer(request.user).data)


@extend_schema_view(get=extend_schema(parameters=[s.AgencyFilterSerializer]))
class AgencyListView(generics.ListAPIView):
    serializer_class = s.AgencySerializer

    def get_queryset(self):
        # Validated first: a NUL byte or an unknown kind is a 400, never a database error.
        filters = s.AgencyFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = Agency.objects.filter(is_active=True).order_by("kind", "name")
        if kind := filters.validated_data.get("kind"):
            queryset = queryset.filter(kind=kind)
        if q := filters.validated_data.get("q"):
            queryset = queryset.filter(Q(name__icontains=q) | Q(code__icontains=q))
        return queryset


@extend_schema_view(list=extend_schema(parameters=[s.InitiativeFilterSerializer]))
class InitiativeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A dossier is edited with PATCH only (partial_update): PUT on it is a 405, and the schema
    does not offer it. PUT is for the score sheet."""

    lookup_value_regex = r"\d+"  # "abc" is a 404, never a 500

    def get_serializer_class(self):
        if self.action == "list":
            return s.InitiativeSummarySerializer
        if self.action in ("create", "partial_update"):
            return s.InitiativeWriteSerializer
        return s.InitiativeDetailSerializer

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            filters = s.InitiativeFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            return initiative_list(user, **filters.validated_data)
        return initiative_detail_queryset(user).select_related(
            "council_review__rubric", "council_review__council", "intake", "promoted_to"
        )

    def _detail(self, initiative, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=initiative.pk)
        context = self.get_serializer_context()
        return Response(s.InitiativeDetailSerializer(fresh, context=context).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = s.InitiativeWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        agency = data.pop("agency", None)
        initiative = initiative_services.initiative_create(
            actor=request.user,
            data=data,
            authors=data.pop("authors", []),
            participants=data.pop("participants", []),
            agency_id=agency.pk if agency else None,
            level=data.pop("level", None),
        )
        return self._detail(initiative, status.HTTP_201_CREATED)

    @extend_schema(request=s.InitiativeWriteSerializer, responses=s.InitiativeDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        initiative = self.get_object()
        serializer = s.InitiativeWriteSerializer(initiative, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("agency", None)  # the owning agency never changes, nor the track
        data.pop("level", None)
        initiative = initiative_services.initiative_update(
            initiative=initiative,
            actor=request.user,
            data=data,
            authors=data.pop("authors", None),
            participants=data.pop("participants", None),
        )
        return self._detail(initiative)

    @extend_schema(
        request=ts.TransitionInputSerializer,
        responses=s.InitiativeDetailSerializer,
        parameters=[
            OpenApiParameter("name", enum=sorted(SERVICES), location=OpenApiParameter.PATH)
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transitions(self, request, pk=None, name=None):
        service = SERVICES.get(name)
        if service is None:
            raise NotFound(_("Unknown transition “%(name)s”.") % {"name": name})
        self.get_object()  # an invisible dossier is a 404 whatever the body says
        serializer = ts.TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        initiative = service(initiative=pk, actor=request.user, **serializer.arguments_for(name))
        return self._detail(initiative)

    @extend_schema(responses=s.HistorySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        initiative = self.get_object()
        if not sees_confidential(initiative, request.user):
            raise PermissionDenied(_("The review history is not public."))
        logs = initiative_history(initiative)
        context = {"details": log_details_for(initiative, request.user)}
        return Response(s.HistorySerializer(logs, many=True, context=context).data)

    @extend_schema(request=s.AttachmentUploadSerializer, responses={201: s.AttachmentSerializer})
    @action(detail=True, methods=["post"])
    def attachments(self, request, pk=None):
        initiative = self.get_object()
        serializer = s.AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = initiative_services.attachment_add(
            initiative=initiative, actor=request.user, **serializer.validated_data
        )
        return Response(s.AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=sc.ScoreSheetInputSerializer,
        responses=sc.ScoreSheetSerializer,
        parameters=[sc.SeatParamSerializer],
    )
    @action(detail=True, methods=["get", "put"])
    def scoresheet(self, request, pk=None):
        params = sc.SeatParamSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        seat = params.validated_data.get("seat")
        if request.method == "GET":
            sheet = scoresheets.scoresheet_get(initiative_id=pk, actor=request.user, seat=seat)
            return Response(sc.ScoreSheetSerializer(sheet).data)
        self.get_object()
        serializer = sc.ScoreSheetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sheet = scoresheets.scoresheet_save(
            initiative_id=pk, actor=request.user, seat=seat, **serializer.validated_data
        )
        return Response(sc.ScoreSheetSerializer(sheet).data)

    @extend_schema(methods=["GET"], responses=a.AdoptionSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=a.VoluntaryAdoptionSerializer,
        responses={201: a.AdoptionSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def adoptions(self, request, pk=None):
        initiative = _adoptable_initiative(request.user, pk)
        if request.method == "POST":
            body = a.VoluntaryAdoptionSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            adoption = adoption_services.adoption_create_voluntary(
                initiative=initiative,
                actor=request.user,
                agency_id=body.validated_data.get("agency"),
            )
            return Response(a.AdoptionSerializer(adoption).data, status=status.HTTP_201_CREATED)
        records = adoptions_of(initiative, request.user)
        return Response(a.AdoptionSerializer(records, many=True).data)


def _adoptable_initiative(user, pk):
    """Recognized initiatives are public; others only to those who may see the dossier."""
    public = Initiative.objects.filter(pk=pk, status__in=PUBLIC_STATES).first()
    return public or get_object_or_404(visible_initiatives(user), pk=pk)


class RubricView(APIView):
    @extend_schema(responses=sc.RubricSerializer)
    def get(self, request):
        return Response(sc.RubricSerializer(active_rubric()).data)


class AttachmentDownloadView(APIView):
    @extend_schema(
        responses={(200, content_type): OpenApiTypes.BINARY for content_type in ALLOWED_TYPES}
    )
    def get(self, request, pk):
        visible = visible_initiatives(request.user)
        attachment = get_object_or_404(Attachment.objects.filter(initiative__in=visible), pk=pk)
        if attachment.confidential and not sees_confidential(attachment.initiative, request.user):
            raise Http404
        return file_download(
            attachment.file.open("rb"),
            name=attachment.original_name,
            content_type=attachment.content_type,
        )


def _visible_adoption(request, pk):
    adoption = visible_adoptions(request.user).filter(pk=pk).first()
    if adoption is None:
        raise Http404
    return adoption


class AdoptionDetailView(APIView):
    @extend_schema(responses=a.AdoptionSerializer)
    def get(self, request, pk):
        return Response(a.AdoptionSerializer(_visible_adoption(request, pk)).data)

    @extend_schema(request=a.AdoptionUpdateSerializer, responses=a.AdoptionSerializer)
    def patch(self, request, pk):
        adoption = _visible_adoption(request, pk)
        serializer = a.AdoptionUpdateSerializer(adoption, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        adoption = adoption_services.adoption_update(
            adoption=adoption, actor=request.user, data=serializer.validated_data
        )
        return Response(a.AdoptionSerializer(adoption).data)


class AdoptionReportCreateView(APIView):
    @extend_schema(request=a.AdoptionReportSerializer, responses={201: a.AdoptionReportSerializer})
    def post(self, request, pk):
        adoption = _visible_adoption(request, pk)
        serializer = a.AdoptionReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        evidence = data.pop("evidence", None)
        report = adoption_services.report_add(
            adoption=adoption, actor=request.user, data=data, evidence=evidence
        )
        return Response(a.AdoptionReportSerializer(report).data, status=status.HTTP_201_CREATED)


def healthz(request):
    """Liveness for load balancers and the smoke script: the database must answer."""
    body = {"database": "ok", "broker": _broker_status()}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        body["database"] = "unreachable"
        return JsonResponse(body, status=503)
    return JsonResponse(body)


def _broker_status() -> str:
    # The project's app (config/__init__.py makes it current); config is wiring, not imported.
    from celery import current_app as app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return "unreachable"
    return "ok"


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's inbox; every user sees only their own notifications."""

    serializer_class = s.NotificationSerializer
    lookup_value_regex = r"\d+"
    schema_no_conflict = True  # reading a notification is never refused by a state

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Notification.objects.none()
        queryset = notification_selectors.inbox(self.request.user)
        if self.request.query_params.get("unread") in ("1", "true"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset

    @extend_schema(request=None, responses=s.NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = notification_services.notification_mark_read(
            recipient=request.user, notification_id=pk
        )
        return Response(s.NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        count = notification_services.notifications_mark_all_read(recipient=request.user)
        return Response({"marked": count})

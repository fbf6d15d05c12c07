"""The person registry (issue 11): GET /api/v1/persons/ and /persons/{id}/recognitions/.

Everyone logged in sees persons and the initiatives they had recognized, by name; a birth date
only the person's agency, reviewers and leaders (Viewer below).
Unrecognized dossiers are never listed here."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from agencies import roles
from agencies.models import Person
from documents.models import Document, DocumentKind
from initiatives.choices import Scope
from initiatives.person_selectors import (
    RecognitionFilter,
    person_recognitions,
    persons,
    visible_persons,
)

from .serializers import AgencyRefSerializer, IdField

YEAR = {"required": False, "min_value": 1990, "max_value": 2100}
YEARS_REVERSED = gettext_lazy("The last year comes before the first.")


class RecognitionFilterSerializer(serializers.Serializer):
    # "from" is a Python keyword: the field is declared under another name, read as "from".
    year_from = serializers.IntegerField(**YEAR, help_text="First year of the decision.")
    to = serializers.IntegerField(**YEAR, help_text="Last year of the decision.")
    level = serializers.ChoiceField(choices=Scope.choices, required=False)

    def to_internal_value(self, data):
        data = data.copy()
        if "from" in data:
            data["year_from"] = data.get("from")
        return super().to_internal_value(data)

    def validate(self, attrs):
        first, last = attrs.get("year_from"), attrs.get("to")
        if first and last and first > last:
            raise serializers.ValidationError({"to": [YEARS_REVERSED]})
        return attrs

    def recognition_filter(self) -> RecognitionFilter:
        data = self.validated_data
        return RecognitionFilter(data.get("year_from"), data.get("to"), data.get("level", ""))


class PersonFilterSerializer(RecognitionFilterSerializer):
    q = serializers.CharField(required=False, max_length=200, help_text="Part of the name.")
    agency = IdField(required=False)


class PersonSerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer()
    recognitions = serializers.IntegerField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "full_name", "birth_date", "agency", "recognitions"]

    def to_representation(self, person):
        data = super().to_representation(person)
        viewer = self.context["viewer"]
        if not (viewer.oversees or person.agency_id in viewer.agency_ids):
            data["birth_date"] = None
        return data


class Viewer:
    """What decides the birth dates shown, read once per request (not once per row)."""

    def __init__(self, user):
        self.oversees = roles.oversees_province(user)
        self.agency_ids = roles.agency_member_ids(user)


@extend_schema(parameters=[PersonFilterSerializer])
class PersonListView(generics.ListAPIView):
    serializer_class = PersonSerializer

    def get_queryset(self):
        filters = PersonFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        return persons(
            q=data.get("q", ""),
            agency_id=data.get("agency"),
            recognized=filters.recognition_filter(),
            user=self.request.user,
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "viewer": Viewer(self.request.user)}


class RecognizedInitiativeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    agency = AgencyRefSerializer()
    status = serializers.CharField()


class RecognitionSerializer(serializers.Serializer):
    initiative = RecognizedInitiativeSerializer()
    level = serializers.CharField(source="initiative.scope")
    year = serializers.SerializerMethodField()
    decision_number = serializers.CharField(source="initiative.decision_number")
    decision_date = serializers.DateField(source="initiative.decision_date")
    contribution_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    # The author's certificate in force (the latest version; null until it is issued).
    certificate_number = serializers.SerializerMethodField()

    def get_year(self, author) -> int | None:
        decided = author.initiative.decision_date
        return decided.year if decided else None

    def get_certificate_number(self, author) -> str | None:
        certificates = getattr(author, "certificates", None)
        return certificates[0].number if certificates else None


@extend_schema(parameters=[RecognitionFilterSerializer])
class PersonRecognitionsView(generics.ListAPIView):
    serializer_class = RecognitionSerializer

    def get_queryset(self):
        person = get_object_or_404(visible_persons(self.request.user), pk=self.kwargs["pk"])
        filters = RecognitionFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return person_recognitions(person, filters.recognition_filter()).prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.filter(kind=DocumentKind.CERTIFICATE)
                .exclude(status=Document.Status.SUPERSEDED)
                .order_by("-version"),
                to_attr="certificates",
            )
        )

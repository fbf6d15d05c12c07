"""The OpenAPI schema tells the truth about errors: every status code the API answers with is
documented on the operation that can answer it, with the body it carries (API.md, Errors)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import permissions, serializers

WRITE_METHODS = ("POST", "PUT", "PATCH")

DetailError = inline_serializer("ErrorDetail", fields={"detail": serializers.CharField()})
ConflictError = inline_serializer(
    "ConflictError",
    fields={
        "detail": serializers.CharField(),
        "status": serializers.CharField(allow_null=True, help_text="The current state."),
    },
)
ValidationErrors = inline_serializer(
    "ValidationErrors",
    fields={
        "detail": serializers.CharField(required=False),
        "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
    },
)

ERRORS = {
    "400": (ValidationErrors, _("Invalid input: messages per field, or a detail.")),
    "401": (DetailError, _("No credentials, or bad ones.")),
    "403": (DetailError, _("Visible, but the caller may not do this.")),
    "404": (DetailError, _("Does not exist, or the caller may not see it.")),
    "409": (ConflictError, _("Not allowed in the current state, or lost a race.")),
    "413": (DetailError, _("The body or the uploaded file is too large.")),
    "415": (DetailError, _("Unsupported content type.")),
    "429": (DetailError, _("Too many requests: try again later.")),
    "503": (DetailError, _("The database is unreachable for a moment: try again later.")),
}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        # An empty filter (`?kind=`, what an HTML form sends for "all") means no filter.
        for parameter in (operation or {}).get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] != "page_size":
                parameter["allowEmptyValue"] = True
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self.error_codes():
            if code not in responses:
                serializer, description = ERRORS[code]
                responses[code] = self._get_response_for_code(serializer, code)
                responses[code]["description"] = str(description)
        return dict(sorted(responses.items()))

    def error_codes(self) -> list[str]:
        codes = []
        writes = self.method in WRITE_METHODS
        has_path_params = "{" in self.path
        if writes or self._has_query_parameters():
            codes.append("400")
        if self._needs_login():
            codes += ["401", "403"]
        if has_path_params or (self.method == "GET" and self._get_paginator()):
            codes.append("404")  # a hidden object, or a page past the end
        if writes and has_path_params and not getattr(self.view, "schema_no_conflict", False):
            codes.append("409")
        if writes:
            codes += ["413", "415"]
        if self.view.get_throttles():
            codes.append("429")
        codes.append("503")  # every operation reads the database (common.outage)
        return codes

    def _needs_login(self) -> bool:
        return not all(isinstance(p, permissions.AllowAny) for p in self.view.get_permissions())

    def _has_query_parameters(self) -> bool:
        return any(parameter["in"] == "query" for parameter in self._get_parameters())

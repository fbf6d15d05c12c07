"""API plumbing shared by every app: pagination and the mapping of domain errors to HTTP."""

import codecs
import json
import math

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import status
from rest_framework.exceptions import NotFound, ParseError, Throttled
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import Conflict, UploadTooLarge


class Pagination(PageNumberPagination):
    """?page= and ?page_size= (at most 100; a larger number gives 100). A page size that is not
    a positive whole number is a 400, not silently the default."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isascii() and raw.isdigit() and int(raw) > 0):
            raise DRFValidationError(
                {self.page_size_query_param: [_("Enter a whole number from 1 to 100.")]}
            )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = str(
                    _("Results per page: 1 to %(max)s (a larger number gives %(max)s).")
                    % {"max": self.max_page_size}
                )
        return parameters


# Real bodies nest three levels at most (a dossier, its authors, a row); 32 leaves room.
MAX_JSON_DEPTH = 32


class BoundedJSONParser(JSONParser):
    """Nesting that would exhaust the decoder's recursion, or merely go deeper than any real
    body, is a 400 — never a RecursionError (500). (The body's size is bounded before parsing:
    DRF reads it through request.body, which honours DATA_UPLOAD_MAX_MEMORY_SIZE.)"""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(codecs.decode(raw, encoding))
        except RecursionError:
            raise ParseError(_("The JSON body is nested too deeply.")) from None
        except ValueError:
            raise ParseError(_("The request body is not valid JSON.")) from None
        if _depth_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(_("The JSON body is nested too deeply."))
        return data


def _depth_exceeds(data, limit: int) -> bool:
    """Iterative, so that measuring a deep document cannot itself overflow the stack."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def validation_error_body(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            (field if field != "__all__" else "non_field_errors"): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Conflict):
        body = {"detail": str(exc.message), "status": exc.status}
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, UploadTooLarge):
        body = {"detail": str(exc.message)}
        return Response(body, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, RequestDataTooBig):
        body = {"detail": _("The request body is too large.")}
        return Response(body, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, Throttled):
        return throttled_response(exc)
    if isinstance(exc, Http404):
        # Django's message names the model in English ("No Initiative matches …").
        exc = NotFound(_("Not found."))
    return drf_exception_handler(exc, context)


def throttled_response(exc: Throttled) -> Response:
    """429 with a message in the user's language (DRF's own appends an English sentence)."""
    if exc.wait is None:
        return Response(
            {"detail": _("Too many requests. Please try again later.")},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
    seconds = max(1, math.ceil(exc.wait))
    message = ngettext(
        "Too many requests. Please try again in %(seconds)d second.",
        "Too many requests. Please try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}
    return Response(
        {"detail": message},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(seconds)},
    )

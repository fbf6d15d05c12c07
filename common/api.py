"""API plumbing shared by every app: pagination and the mapping of domain errors to HTTP."""

import math

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import status
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import Conflict, UploadTooLarge


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


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

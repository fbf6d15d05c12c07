"""Error pages that fit the client: JSON `{"detail": ...}` under /api/ (API.md, Errors), the
site's HTML pages elsewhere. Django calls these for URLs no pattern matches (e.g. a negative
id in /api/v1/adoptions/-1/) and for errors raised outside DRF's own handling."""

import sys

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from .outage import is_database_outage, service_unavailable

API_PREFIX = "/api/"


def _wants_json(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """A database outage is a 503 (common.outage); anything else a 500 that shows nothing."""
    if is_database_outage(sys.exc_info()[1]):
        return service_unavailable(request)
    if _wants_json(request):
        return JsonResponse(
            {"detail": _("Server error: the request could not be completed.")}, status=500
        )
    return defaults.server_error(request)

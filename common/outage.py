"""What users get while the database is unreachable (restart, failover, network): a 503 that says
so in their language — JSON `{"detail": …}` under /api/ — never a 500 page with a trace.

The answer is given by the 500 handler (common.error_views.server_error), not by a middleware:
Django turns an exception into a response at every middleware layer, so a middleware would see
the errors of views, not those raised while another middleware loads the session or the user
(the first database query of most requests). Every uncaught exception, wherever it was raised,
ends in the 500 handler while it is being handled. Django logs each one (logger
django.request, with the traceback) as usual; the body shows none of it.

Afterwards nothing needs restarting: CONN_HEALTH_CHECKS (config/settings.py) makes each request
check a kept connection before using it and open a new one when the server was restarted.
"""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_outage(exc) -> bool:
    return isinstance(exc, DATABASE_ERRORS)


def service_unavailable(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        detail = _("The service is temporarily unavailable. Please try again in a few minutes.")
        response = JsonResponse({"detail": detail}, status=503)
    else:
        # Rendered without the request: context processors may query the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response

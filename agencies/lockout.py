"""What a locked-out login answers (django-axes): when the person may try again.

Axes counts the failed logins of one username from one IP address (AXES_LOCKOUT_PARAMETERS);
after AXES_FAILURE_LIMIT of them the pair is refused until AXES_COOLOFF_TIME after the last
counted failure. Trying again meanwhile does not move that time
(AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so the time shown stays true.
"""

import math
from datetime import datetime, timedelta

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _

from common.net import client_ip


def is_locked_out(request) -> bool:
    """Whether axes refused (or has just locked) the login attempt of this request."""
    return bool(getattr(request, "axes_locked_out", False))


def lockout_ends_at(request, username) -> datetime:
    ip_address = getattr(request, "axes_ip_address", None) or client_ip(request)
    last = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(
        last=Max("attempt_time")
    )["last"]
    return (last or timezone.now()) + get_cool_off(request)


def lockout_message(ends_at: datetime) -> str:
    """The message with the end of the lockout in Asia/Ho_Chi_Minh ("05/03/2027 14:35"), rounded
    up to the minute so that a person who comes back at the minute shown is let in."""
    local = timezone.localtime(ends_at)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return _(
        "Too many failed login attempts: logging in to this account from your network address "
        "is blocked for now. You can try again at %(time)s."
    ) % {"time": local.strftime("%d/%m/%Y %H:%M")}


def retry_after(ends_at: datetime) -> int:
    """Seconds until the lockout ends, for the Retry-After header."""
    return max(1, math.ceil((ends_at - timezone.now()).total_seconds()))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page (or the API's JSON) that the view already built
    shows the message; this only marks it 429 Too Many Requests with Retry-After."""
    ends_at = lockout_ends_at(request, get_client_username(request, credentials))
    if isinstance(original_response, HttpResponseBase):
        response = original_response
    else:
        response = HttpResponse(lockout_message(ends_at), content_type="text/plain; charset=utf-8")
    response.status_code = 429
    response["Retry-After"] = str(retry_after(ends_at))
    return response


# --- Per network address, whatever the username ------------------------------------------------
#
# Axes locks one username from one address. Trying one password against many usernames from one
# address (password spraying) never trips that, so failures are also counted per address, with a
# higher limit (an agency's staff often share one address behind its router): past
# LOGIN_FAILURES_PER_ADDRESS failures in LOGIN_LOCKOUT_MINUTES, logins from that address are
# refused until the window ends. The counter lives in the cache (Redis in production).


def _address_key(request) -> str:
    return f"login-failures:{client_ip(request)}"


def address_window(request) -> dict | None:
    """{"count", "ends_at"} of the address's current window, or None."""
    window = cache.get(_address_key(request))
    if window and window["ends_at"] > timezone.now():
        return window
    return None


def address_blocked(request) -> bool:
    window = address_window(request)
    return bool(window and window["count"] >= settings.LOGIN_FAILURES_PER_ADDRESS)


def count_address_failure(request) -> None:
    window = address_window(request) or {
        "count": 0,
        "ends_at": timezone.now() + settings.AXES_COOLOFF_TIME,
    }
    window["count"] += 1
    seconds = max(1, math.ceil((window["ends_at"] - timezone.now()).total_seconds()))
    cache.set(_address_key(request), window, seconds)


def refused_login(request, username) -> tuple[str, datetime] | None:
    """(message, end) when this login is refused for too many failures, else None."""
    if is_locked_out(request):
        ends_at = lockout_ends_at(request, username)
    elif getattr(request, "login_address_blocked", False):
        ends_at = address_window(request)["ends_at"]
    else:
        return None
    return lockout_message(ends_at), ends_at

"""Who is on the other end of a request, the same way for the login lockout and the throttles."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's IP address.

    X-Forwarded-For is read only behind TRUSTED_PROXY_COUNT proxies, and then only the address
    the outermost trusted proxy saw (what DRF's NUM_PROXIES does): anything a client writes in
    the header itself sits further left and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]

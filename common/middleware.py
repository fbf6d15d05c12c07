from django.conf import settings


def permissions_policy(get_response):
    """Adds the Permissions-Policy header (settings.PERMISSIONS_POLICY); Django has no setting
    for it. A view that sets its own header keeps it."""

    def middleware(request):
        response = get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware

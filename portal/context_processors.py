"""What every page's layout needs: who the user is, what the menu shows, unread count."""

from django.conf import settings

from agencies import roles
from agencies.models import Membership, Role
from notifications.selectors import unread_count


def layout(request):
    user = request.user
    if not user.is_authenticated:
        return {"province_name": settings.PROVINCE_NAME}
    pairs = roles.memberships(user)
    role_set = {role for role, _agency in pairs}
    return {
        "province_name": settings.PROVINCE_NAME,
        "nav": {
            "agency": bool(role_set & {Role.AGENCY_STAFF, Role.AGENCY_HEAD}),
            "reviewer": Role.REVIEWER in role_set,
            "council": Role.COUNCIL_MEMBER in role_set,
            "leader": Role.LEADER in role_set,
            "admin": user.is_staff,
        },
        "user_roles": _role_lines(user),
        "unread_notifications": unread_count(user),
    }


def _role_lines(user):
    """ "Chuyên viên — Sở Tư pháp" lines for the user menu; one query, cached per request."""
    memberships = Membership.objects.filter(user=user).select_related("agency")
    return [(m.get_role_display(), m.agency.short_name or m.agency.name) for m in memberships]

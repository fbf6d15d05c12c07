"""What every page's layout needs: who the user is, the menu, the unread count, and the links
of the shell (home, inbox, profile, sign-in). The layout (common/templates/base.html) sits in
the lowest layer and names no app's URL: the portal, at the top, builds them here."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies import roles
from agencies.models import Membership, Role
from notifications.selectors import unread_count
from workflow.tracks import checked_by, decided_by

# The shell's links, by the names base.html uses ({{ links.home }}, …).
LINKS = {
    "home": "home",
    "inbox": "notifications:inbox",
    "profile": "profile",
    "password_change": "password_change",
    "logout": "logout",
    "login": "login",
    "registry": "initiatives:registry",
    "set_language": "set_language",
    "api_docs": "api-docs",
}


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    shown_to: str  # "all", or the `nav` flag that shows it ("agency", "reviewer", …)
    active_for: tuple[str, ...] = ()  # "namespace:url_name" prefixes that mark it current


MENU = (
    MenuEntry(_("My work"), "home", "all", ("home",)),
    MenuEntry(_("Dossiers"), "initiatives:list", "all", ("initiatives:list",)),
    MenuEntry(_("New dossier"), "initiatives:create", "agency", ("initiatives:create",)),
    MenuEntry(
        _("Adoption records"),
        "adoption:my_adoptions",
        "agency",
        ("adoption:my_adoptions", "adoption:adoption_detail"),
    ),
    MenuEntry(_("Review"), "workflow:review_queue", "checks", ("workflow:review_queue",)),
    MenuEntry(_("Scoring"), "workflow:council_list", "council", ("workflow:council_list",)),
    MenuEntry(_("Decisions"), "workflow:decisions", "decides", ("workflow:decisions",)),
    MenuEntry(
        _("Councils"),
        "workflow:councils",
        "councils",
        ("workflow:councils", "workflow:council_create", "workflow:council_edit"),
    ),
    MenuEntry(
        _("Rounds"),
        "workflow:rounds",
        "all",
        ("workflow:rounds", "workflow:round_create", "workflow:round_edit"),
    ),
    MenuEntry(_("Rollout dashboard"), "adoption:dashboard", "rollout", ("adoption:dashboard",)),
    MenuEntry(
        _("Agency level"),
        "workflow:agency_level_overview",
        "rollout",
        ("workflow:agency_level_overview",),
    ),
    MenuEntry(
        _("Authors"), "initiatives:persons", "all", ("initiatives:persons", "initiatives:person")
    ),
    MenuEntry(_("Registry"), "initiatives:registry", "all", ("initiatives:registry",)),
    MenuEntry(_("Administration"), "admin:index", "admin"),
)


def layout(request):
    context = {
        "province_name": settings.PROVINCE_NAME,
        "links": {key: reverse(name) for key, name in LINKS.items()},
    }
    user = request.user
    if not user.is_authenticated:
        return context
    nav = _nav(user)
    return {
        **context,
        "nav": nav,
        "menu": _menu(request, nav),
        "user_roles": _role_lines(user),
        "unread_notifications": unread_count(user),
    }


def _nav(user) -> dict[str, bool]:
    role_set = {role for role, _agency in roles.memberships(user)}
    nav = {
        "all": True,
        "agency": bool(role_set & {Role.AGENCY_STAFF, Role.AGENCY_HEAD}),
        "reviewer": Role.REVIEWER in role_set,
        "council": Role.COUNCIL_MEMBER in role_set,
        "leader": Role.LEADER in role_set,
        "admin": user.is_staff,
        # The review queue and the decisions page serve both tracks: an agency's initiative
        # secretary checks, and its head decides, the agency's own cơ sở dossiers.
        "checks": checked_by(user) is not None and not user.is_superuser,
        "decides": decided_by(user) is not None and not user.is_superuser,
    }
    nav["rollout"] = nav["leader"] or nav["reviewer"]
    # The councils set up by decision: leaders manage them, reviewers choose one at accept.
    nav["councils"] = (
        nav["leader"] or nav["reviewer"] or user.is_superuser or nav["checks"] or (nav["decides"])
    )
    return nav


def _menu(request, nav) -> list[dict]:
    match = request.resolver_match
    current = match.view_name if match else ""
    return [
        {
            "label": entry.label,
            "url": reverse(entry.url_name),
            "active": any(current.startswith(prefix) for prefix in entry.active_for),
        }
        for entry in MENU
        if nav[entry.shown_to]
    ]


def _role_lines(user):
    """ "Chuyên viên — Sở Tư pháp" lines for the user menu; one query, cached per request."""
    memberships = Membership.objects.filter(user=user).select_related("agency")
    return [(m.get_role_display(), m.agency.short_name or m.agency.name) for m in memberships]

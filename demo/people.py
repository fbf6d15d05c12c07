"""The demo accounts and their memberships (demo.data's DEMO_USERS and SUPPORTING_USERS)."""

from django.contrib.auth.hashers import make_password

from agencies.models import Agency, Membership, User
from common.text import nfc

from .data import DEMO_USERS, SUPERUSERS, SUPPORTING_USERS

DEMO_PASSWORD = "demo12345"
EMAIL_DOMAIN = "demo.thainguyen.gov.vn"


def ensure_people() -> tuple[dict[str, User], int]:
    """Every demo user with their memberships, by username, and how many were created."""
    codes = {code for _u, _n, roles in DEMO_USERS + SUPPORTING_USERS for _r, code in roles}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    people, created = {}, 0
    for username, full_name, roles in DEMO_USERS + SUPPORTING_USERS:
        user, is_new = _ensure_user(username, full_name, password)
        created += is_new
        for role, code in roles:
            Membership.objects.get_or_create(user=user, agency=agencies[code], role=role)
        people[username] = user
    return people, created


def _ensure_user(username, full_name, password) -> tuple[User, bool]:
    """Create the account, or bring an existing one back to its demo values (not the password)."""
    superuser = username in SUPERUSERS
    values = {
        "full_name": nfc(full_name),
        "email": f"{username}@{EMAIL_DOMAIN}",
        "is_demo": True,
        "is_staff": superuser,
        "is_superuser": superuser,
        "is_active": True,
    }
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, password=password, **values)
        user.save()
        return user, True
    changed = {name: value for name, value in values.items() if getattr(user, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(user, name, value)
        user.save(update_fields=list(changed))
    return user, False


def _people_by_agency() -> dict[str, dict[str, str]]:
    """{agency code: {role: username}}: who reports an adoption for an agency."""
    result = {}
    for username, _name, roles in DEMO_USERS + SUPPORTING_USERS:
        for role, code in roles:
            result.setdefault(code, {}).setdefault(role, username)
    return result


AGENCY_PEOPLE = _people_by_agency()

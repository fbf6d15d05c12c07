"""Writes to the organisation tree (loading the province's agencies from the seed files) and
to people's access: API tokens and login lockouts."""

import csv
from dataclasses import dataclass
from pathlib import Path

from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.settings import knox_settings

from common.text import nfc

from . import roles
from .models import Agency, ApiToken, User

DATA_DIR = Path(__file__).resolve().parent / "data"
# The demo province (agencies/data/README.md): the 2025 agencies, then the 2019 districts,
# which point at UBND tỉnh and are kept only for historical dossiers.
PROVINCE_FILES = (
    (DATA_DIR / "thai_nguyen_agencies_2025.csv", True),
    (DATA_DIR / "thai_nguyen_districts_2019.csv", False),
)
COLUMNS = ("code", "name", "short_name", "kind", "parent_code", "source")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __iadd__(self, other):
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


@transaction.atomic
def agencies_load_csv(path, *, active=True) -> LoadResult:
    """Create or update one agency per row, matched by code; running it again changes nothing.

    A row's parent may be defined earlier in the file, later in it, or already in the database.
    """
    rows = _read_rows(Path(path))
    result = LoadResult()
    known = set(Agency.objects.values_list("code", flat=True))
    pending = rows
    while pending:
        ready = [row for row in pending if not row["parent_code"] or row["parent_code"] in known]
        if not ready:
            raise ValidationError(_unknown_parents(pending))
        for row in ready:
            outcome = _upsert(row, active=active)
            setattr(result, outcome, getattr(result, outcome) + 1)
            known.add(row["code"])
        pending = [row for row in pending if row not in ready]
    return result


@transaction.atomic
def agencies_load_province() -> LoadResult:
    result = LoadResult()
    for path, active in PROVINCE_FILES:
        result += agencies_load_csv(path, active=active)
    return result


def _read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in COLUMNS if name not in (reader.fieldnames or ())]
        if missing:
            raise ValidationError(f"{path.name}: missing columns {', '.join(missing)}.")
        rows = [_clean(row, path, line) for line, row in enumerate(reader, start=2)]
    codes = [row["code"] for row in rows]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValidationError(f"{path.name}: duplicate codes {', '.join(duplicates)}.")
    return rows


def _clean(row: dict, path: Path, line: int) -> dict:
    cleaned = {name: nfc((row.get(name) or "").strip()) for name in COLUMNS}
    problems = []
    if not cleaned["code"]:
        problems.append("no code")
    if not cleaned["name"]:
        problems.append("no name")
    if cleaned["kind"] not in Agency.Kind.values:
        problems.append(f"unknown kind “{cleaned['kind']}”")
    if problems:
        raise ValidationError(f"{path.name}, line {line}: {'; '.join(problems)}.")
    return cleaned


def _unknown_parents(rows) -> str:
    pairs = ", ".join(f"{row['code']} → {row['parent_code']}" for row in rows)
    return f"Parent agencies not found (or a cycle): {pairs}."


def _upsert(row: dict, *, active: bool) -> str:
    """'created', 'updated' or 'unchanged'."""
    parent_id = None
    if row["parent_code"]:
        parent_id = Agency.objects.values_list("pk", flat=True).get(code=row["parent_code"])
    values = {
        "name": row["name"],
        "short_name": row["short_name"],
        "kind": row["kind"],
        "parent_id": parent_id,
        "is_active": active,
        "source": row["source"],
    }
    agency = Agency.objects.filter(code=row["code"]).first()
    if agency is None:
        Agency.objects.create(code=row["code"], **values)
        return "created"
    changed = {name: value for name, value in values.items() if getattr(agency, name) != value}
    if not changed:
        return "unchanged"
    for name, value in changed.items():
        setattr(agency, name, value)
    agency.save()
    return "updated"


# --- API tokens and login lockouts ------------------------------------------------------------


@transaction.atomic
def api_token_create(*, user) -> tuple[ApiToken, str]:
    """A new API token for the user, valid for TOKEN_TTL from now. The token itself is returned
    this once and never stored: the database keeps its hash and first characters.

    A user keeps at most API_TOKENS_PER_USER tokens: the oldest go first. knox reads all of a
    user's tokens at every authenticated request, so a client that logs in for each call
    must not pile them up."""
    token, key = ApiToken.objects.create(user=user)
    keep = ApiToken.objects.filter(user=user).order_by("-created", "-pk")
    surplus = keep.values_list("pk", flat=True)[settings.API_TOKENS_PER_USER :]
    ApiToken.objects.filter(pk__in=list(surplus)).delete()
    return token, key


def api_token_mark_used(*, token: ApiToken) -> None:
    """Note a use and push the expiry a full TOKEN_TTL further (knox AUTO_REFRESH); written at
    most once per MIN_REFRESH_INTERVAL so that a busy client does not write on every call."""
    now = timezone.now()
    last = token.last_used_at
    if last is not None and (now - last).total_seconds() < knox_settings.MIN_REFRESH_INTERVAL:
        return
    token.last_used_at = now
    if knox_settings.AUTO_REFRESH and token.expiry is not None:
        token.expiry = now + knox_settings.TOKEN_TTL
        if knox_settings.AUTO_REFRESH_MAX_TTL is not None:
            token.expiry = min(token.expiry, token.created + knox_settings.AUTO_REFRESH_MAX_TTL)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, expiry=token.expiry)


@transaction.atomic
def api_token_revoke(*, user, token_id: int) -> None:
    """Revoke one of the user's own tokens; someone else's is a 404, as if it did not exist."""
    deleted, _counts = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise Http404


@transaction.atomic
def api_tokens_revoke_all(*, user) -> int:
    deleted, _counts = ApiToken.objects.filter(user=user).delete()
    return deleted


def logins_unlock(*, usernames) -> int:
    """Forget the failed logins of these usernames, from every IP address: a locked-out user
    may log in again at once. How many lockout records were removed."""
    return sum(axes_reset(username=username) for username in usernames)


@transaction.atomic
def user_set_language(*, user, language: str) -> bool:
    """Remember the language a signed-in user chose (e-mails and digests are written in it);
    a language the site does not offer is ignored. Returns whether it was stored."""
    if not user.is_authenticated or language not in dict(settings.LANGUAGES):
        return False
    User.objects.filter(pk=user.pk).update(language=language)
    return True


@transaction.atomic
def agency_set_track(*, agency, actor, on: bool) -> Agency:
    """Turn an agency's cơ sở track on or off (its head, or an administrator). Dossiers already
    on that track finish there; new drafts follow the setting."""
    if not (actor.is_superuser or agency.pk in roles.head_agency_ids(actor)):
        raise PermissionDenied(_("Only the agency's head turns its agency-level track on or off."))
    Agency.objects.filter(pk=agency.pk).update(runs_agency_track=on)
    agency.runs_agency_track = on
    roles.forget_memberships(actor)
    return agency

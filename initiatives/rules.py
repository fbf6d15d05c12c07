"""What a dossier must hold before it goes to the Department of S&T: the application of TT 18
(Annex I), the exclusions of NĐ 13/2012/NĐ-CP Điều 3.2 (declared), its one-year limit (Điều 5)."""

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from common import clock

from .attachments import AttachmentKind
from .choices import Level

REQUIRED_FIELDS = (
    "title",
    "problem",
    "description",
    "applicability",
    "benefits_author",
    "first_applied_on",
)


def request_date(initiative) -> date:
    """The day the one-year rule counts to (NĐ 13, Điều 5): the first submission, else today. A
    dossier sent back for revision keeps it, however long the revision took."""
    submitted = initiative.submitted_at
    return timezone.localdate(submitted) if submitted else clock.today()


def submission_problems(initiative, *, today: date) -> dict[str, list[str]]:
    """Every unmet condition for submitting, as {field: [Vietnamese message, ...]}."""
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    for name in REQUIRED_FIELDS:
        if not getattr(initiative, name):
            add(name, _required(initiative, name))
    # A yes/no question: "no" is an answer, only "not answered" (None) is missing.
    if initiative.state_funded is None:
        add("state_funded", _required(initiative, "state_funded"))

    first = initiative.first_applied_on
    if first and first > today:
        add("first_applied_on", _("The first application date cannot be in the future."))
    elif first and first < today - relativedelta(years=1):
        add(
            "first_applied_on",
            _(
                "The initiative was first applied on %(date)s, more than one year ago; "
                "it can no longer be submitted."
            )
            % {"date": first.strftime("%d/%m/%Y")},
        )

    ends = initiative.first_application_ends_on
    if ends and first and ends < first:
        add(
            "first_application_ends_on",
            _("The trial application cannot end before it started."),
        )

    for message in author_problems(list(initiative.authors.all())):
        add("authors", message)

    for name, message in _declaration_messages().items():
        if not getattr(initiative, name):
            add(name, message)

    if requires_agency_decision(initiative) and not _has_agency_decision(initiative):
        add("attachments", agency_decision_message())
    return problems


def requires_agency_decision(initiative) -> bool:
    """A provincial dossier carries the agency's own (cơ sở) recognition decision where the
    province requires it; an agency-level dossier is how that decision comes about."""
    agency_level = initiative is not None and initiative.level == Level.AGENCY
    return not agency_level and bool(settings.REQUIRE_AGENCY_RECOGNITION_ATTACHMENT)


def agency_decision_message() -> str:
    return _(
        "Attach the agency's decision recognizing the initiative at agency level "
        "(kind “%(kind)s”): the province considers only initiatives its agency has recognized."
    ) % {"kind": AttachmentKind.QUYET_DINH_CO_SO.label}


def agency_decision_status(initiative) -> dict:
    """For the pages: whether this dossier must carry the agency's decision, and does."""
    return {
        "required": requires_agency_decision(initiative),
        "attached": _has_agency_decision(initiative),
        "kind": AttachmentKind.QUYET_DINH_CO_SO,
    }


def _has_agency_decision(initiative) -> bool:
    # Reads the prefetched attachments when the caller loaded them.
    return any(a.kind == AttachmentKind.QUYET_DINH_CO_SO for a in initiative.attachments.all())


def author_problems(authors) -> list[str]:
    """The authors' table: names, each share at least the minimum, shares totalling 100%."""
    problems = []
    contributions = [a.contribution_percent for a in authors]
    if any(not a.full_name.strip() for a in authors):
        problems.append(_("Every author needs a full name."))
    if any(c is None or c <= 0 for c in contributions):
        problems.append(_("Every author's contribution must be more than 0%."))
    elif len(authors) > 1 and any(c < min_share() for c in contributions):
        problems.append(
            _("Each co-author's contribution must be at least %(min)s%%.")
            % {"min": _number(min_share())}
        )
    contributions = [c for c in contributions if c is not None]
    if not contributions:
        problems.append(_("At least one author is required."))
    elif sum(contributions, Decimal(0)) != Decimal(100):
        problems.append(
            _("The authors' contributions total %(total)s%%; they must total exactly 100%%.")
            % {"total": _number(sum(contributions, Decimal(0)))}
        )
    return problems


def min_share() -> Decimal:
    """The smallest contribution a co-author may declare (settings.MIN_AUTHOR_SHARE_PERCENT)."""
    return Decimal(settings.MIN_AUTHOR_SHARE_PERCENT)


def _declaration_messages() -> dict[str, str]:
    return {
        "truthfulness_declared": _(
            "You must declare that the information in the application is truthful."
        ),
        "public_order_declared": _(
            "You must declare that publishing or applying the initiative is not contrary to "
            "public order or social morality (Decree 13/2012/NĐ-CP, Article 3.2)."
        ),
        "no_ip_protection_declared": _(
            "You must declare that the initiative is not an object protected by "
            "intellectual-property rights (Decree 13/2012/NĐ-CP, Article 3.2)."
        ),
    }


def _required(initiative, name) -> str:
    label = initiative._meta.get_field(name).verbose_name
    return _("“%(field)s” is required before submitting.") % {"field": label}


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")

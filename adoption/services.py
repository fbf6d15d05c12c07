"""Writes to adoption records: created by rollout or by an agency, updated by that agency,
reported on periodically, reports confirmed by the agency head."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from agencies import roles
from agencies.models import Role
from common import clock
from common.exceptions import Conflict
from common.files import clean_filename
from common.limits import EARLIEST_DATE
from initiatives.models import Level, Status
from initiatives.services import check_upload
from workflow import deadlines
from workflow.models import DeadlineRule

from .dashboard.cached import figures_changed
from .fields import RECORD_FIELDS, REPORT_FIELDS
from .models import Adoption, AdoptionReport

A = Adoption.Status
# Where an adoption may go from where it is.
NEXT = {
    A.ASSIGNED: {A.IN_PROGRESS, A.APPLIED, A.NOT_APPLICABLE},
    A.IN_PROGRESS: {A.APPLIED, A.NOT_APPLICABLE},
    A.APPLIED: set(),
    A.NOT_APPLICABLE: {A.IN_PROGRESS},
}


CONFIRMED_STATUSES = (A.APPLIED, A.NOT_APPLICABLE)

DEFAULT_REPORT_EVERY_MONTHS = 6


def report_interval_months() -> int:
    """Months between reports: the rollout_report rule when it counts months, else 6."""
    rule = deadlines.rules()[DeadlineRule.Stage.ROLLOUT_REPORT]
    if rule.unit == DeadlineRule.Unit.MONTHS and rule.amount > 0:
        return rule.amount
    return DEFAULT_REPORT_EVERY_MONTHS


def adoptions_mandate(*, initiative, agency_ids, due_date) -> None:
    """Rollout targets: create a mandated record per agency; a voluntary one becomes mandated.
    The first report is due on the leader's date, the next ones every rule-many months."""
    every = report_interval_months()
    existing = {a.agency_id: a for a in Adoption.objects.filter(initiative=initiative)}
    for agency_id in agency_ids:
        adoption = existing.get(agency_id)
        if adoption is None:
            Adoption.objects.create(
                initiative=initiative,
                agency_id=agency_id,
                source=Adoption.Source.MANDATED,
                due_date=due_date,
                report_every_months=every,
            )
        else:
            adoption.source, adoption.due_date = Adoption.Source.MANDATED, due_date
            adoption.report_every_months = every
            adoption.save(update_fields=["source", "due_date", "report_every_months", "updated_at"])


def adoptions_close_open(*, initiative, reason: str) -> int:
    """The recognition was revoked: records still assigned or in progress end as not applicable
    with the leader's reason, and no more reports are asked for. Applied ones stay as history."""
    closed = Adoption.objects.filter(
        initiative=initiative, status__in=(A.ASSIGNED, A.IN_PROGRESS)
    ).update(status=A.NOT_APPLICABLE, reason=reason, due_date=None, updated_at=clock.now())
    figures_changed()  # an update() sends no signal
    return closed


OPEN_STATES = (Status.RECOGNIZED, Status.ROLLOUT)


def _check_open(initiative):
    if initiative.status not in OPEN_STATES:
        raise Conflict(
            _("Adoption records change only while the initiative is recognized or rolling out."),
            status=initiative.status,
        )


def _adopting_agency(actor, agency_id=None) -> int:
    agencies = roles.agency_member_ids(actor)
    if not agencies:
        raise PermissionDenied(_("Only agency staff or heads can adopt an initiative."))
    if agency_id is not None:
        if agency_id not in agencies:
            raise PermissionDenied(_("You cannot adopt on behalf of another agency."))
        return agency_id
    if len(agencies) > 1:
        raise ValidationError({"agency": _("You belong to several agencies: choose one.")})
    return next(iter(agencies))


@transaction.atomic
def adoption_create_voluntary(*, initiative, actor, agency_id=None) -> Adoption:
    agency_id = _adopting_agency(actor, agency_id)
    if initiative.status not in OPEN_STATES:
        raise Conflict(_("Only a recognized initiative can be adopted."), status=initiative.status)
    if initiative.level != Level.PROVINCIAL:  # an agency's cơ sở recognition stays its own
        raise Http404
    if agency_id == initiative.agency_id:
        raise ValidationError({"agency": _("Your agency is the author of this initiative.")})
    adoption, created = Adoption.objects.get_or_create(
        initiative=initiative,
        agency_id=agency_id,
        defaults={"source": Adoption.Source.VOLUNTARY},
    )
    if not created:
        raise ValidationError({"agency": _("Your agency already adopts this initiative.")})
    return adoption


def _check_adopting_agency(adoption, actor):
    if not roles.acts_for_agency(actor, adoption.agency_id):
        raise PermissionDenied(_("Only the adopting agency can update this record."))


def _lock(adoption) -> Adoption:
    return Adoption.objects.select_for_update().select_related("initiative").get(pk=adoption.pk)


@transaction.atomic
def adoption_update(*, adoption, actor, data: dict) -> Adoption:
    adoption = _lock(adoption)
    _check_adopting_agency(adoption, actor)
    _check_open(adoption.initiative)
    _check_not_confirmed(adoption, actor)
    new_status = data.get("status", adoption.status)
    if new_status != adoption.status:
        _check_status_change(adoption, actor, new_status, data)
    for name, value in _only(data, RECORD_FIELDS).items():
        setattr(adoption, name, value)
    today = clock.today()
    if adoption.status == A.IN_PROGRESS and not adoption.started_on:
        adoption.started_on = today
    if adoption.status == A.APPLIED and not adoption.applied_on:
        adoption.applied_on = today
    _check_dates(adoption, today)
    adoption.save()
    return adoption


@transaction.atomic
def adoption_reschedule(*, adoption, actor, due_date) -> Adoption:
    """The administrator corrects when the next report is due — and nothing else: the record's
    status, dates and reason are the adopting agency's (adoption_update)."""
    if not actor.has_perm("adoption.change_adoption"):
        raise PermissionDenied(_("Only an administrator can change the report due date."))
    adoption = _lock(adoption)
    problems = reschedule_problems(adoption, due_date)
    if problems:
        raise ValidationError({"due_date": problems})
    adoption.due_date = due_date
    adoption.save(update_fields=["due_date", "updated_at"])
    return adoption


def reschedule_problems(adoption, due_date) -> list[str]:
    """Why this record's report cannot fall due on that date (the admin's form shows them)."""
    if due_date == adoption.due_date:
        return []
    if adoption.initiative.status not in OPEN_STATES:
        return [
            _("Adoption records change only while the initiative is recognized or rolling out.")
        ]
    if adoption.status == A.NOT_APPLICABLE:
        return [_("This agency found the initiative not applicable: it files no reports.")]
    if due_date is not None and due_date <= clock.today():
        return [_("The report due date must be after today.")]
    return []


def _only(data: dict, allowed) -> dict:
    """The caller's values for these fields; any other name is a caller's bug."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise TypeError(f"Not a field this service may set: {', '.join(unknown)}")
    return data


def is_confirmed(adoption) -> bool:
    """Applied or not applicable: the agency's answer to the province, which its head vouches
    for. From then on only the head changes the record — status, dates or reason, through the
    API, the record's page or anything else that calls adoption_update."""
    return adoption.status in CONFIRMED_STATUSES


def _check_not_confirmed(adoption, actor):
    if is_confirmed(adoption) and not is_head(actor, adoption):
        raise PermissionDenied(_("Only the head of the agency can change a confirmed record."))


def is_head(actor, adoption) -> bool:
    return roles.agency_role(actor, adoption.agency_id) == Role.AGENCY_HEAD


def _check_dates(adoption, today):
    problems = {}
    for name in ("started_on", "applied_on"):
        value = getattr(adoption, name)
        if value and value > today:
            problems[name] = [_("This date cannot be in the future.")]
        elif value and value < EARLIEST_DATE:
            problems[name] = [
                _("This date cannot be before %(date)s.")
                % {"date": EARLIEST_DATE.strftime("%d/%m/%Y")}
            ]
    if adoption.started_on and adoption.applied_on and adoption.applied_on < adoption.started_on:
        problems["applied_on"] = [_("The initiative cannot be applied before it was started.")]
    if problems:
        raise ValidationError(problems)


def _check_status_change(adoption, actor, new_status, data):
    if new_status not in NEXT.get(adoption.status, set()):
        raise Conflict(
            _("An adoption cannot go from “%(old)s” to “%(new)s”.")
            % {"old": adoption.get_status_display(), "new": A(new_status).label},
            status=adoption.status,
        )
    if new_status == A.APPLIED and not is_head(actor, adoption):
        raise PermissionDenied(_("Only the head of the agency can confirm it has been applied."))
    if new_status == A.NOT_APPLICABLE and not (data.get("reason") or "").strip():
        raise ValidationError({"reason": [_("Explain why the initiative does not apply.")]})


@transaction.atomic
def report_add(*, adoption, actor, data: dict, evidence=None) -> AdoptionReport:
    """A periodic report: it answers the adoption's current due date, and while the rollout
    lasts the next report falls due report_every_months later. A head's report is confirmed
    at once; a staff member's waits for the head (report_confirm)."""
    adoption = _lock(adoption)
    _check_adopting_agency(adoption, actor)
    _check_open(adoption.initiative)
    if adoption.status == A.NOT_APPLICABLE:
        raise Conflict(
            _("This agency found the initiative not applicable: it files no reports."),
            status=adoption.status,
        )
    answers_period = _answers_current_period(adoption)
    report = AdoptionReport(
        adoption=adoption,
        submitted_by=actor,
        period_due=adoption.due_date if answers_period else None,
        **_only(data, REPORT_FIELDS),
    )
    if is_head(actor, adoption):
        report.confirmed_by = actor
    if evidence is not None:
        _attach_evidence(report, evidence)
    try:
        report.save()
        if answers_period:
            _schedule_next_report(adoption)
    except Exception:
        if report.evidence:
            report.evidence.delete(save=False)  # no orphan file when the row is not written
        raise
    return report


def _attach_evidence(report, file) -> None:
    """Checked by content and size before anything is stored (check_upload)."""
    try:
        report.evidence_type = check_upload(file)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages})
    report.evidence_name = clean_filename(file.name, report.evidence_type)
    report.evidence.save(file.name, file, save=False)


def _answers_current_period(adoption) -> bool:
    """A report answers the due date only once its period has begun: extra reports filed
    early do not push the deadline further away."""
    if adoption.due_date is None:
        return False
    period_start = adoption.due_date - relativedelta(months=adoption.report_every_months)
    return clock.today() >= period_start


def _schedule_next_report(adoption) -> None:
    if adoption.due_date is None or adoption.initiative.status != Status.ROLLOUT:
        return  # recognized, not rolling out: no schedule to follow
    adoption.due_date += relativedelta(months=adoption.report_every_months)
    adoption.save(update_fields=["due_date", "updated_at"])


@transaction.atomic
def report_confirm(*, report, actor) -> AdoptionReport:
    """The agency head vouches for a report filed by the staff."""
    report = (
        AdoptionReport.objects.select_for_update()
        .select_related("adoption__initiative")
        .get(pk=report.pk)
    )
    adoption = report.adoption
    _check_adopting_agency(adoption, actor)
    if not is_head(actor, adoption):
        raise PermissionDenied(_("Only the head of the agency can confirm a report."))
    if report.confirmed_by_id is not None:
        raise Conflict(_("This report has already been confirmed."))
    report.confirmed_by = actor
    report.save(update_fields=["confirmed_by"])
    return report

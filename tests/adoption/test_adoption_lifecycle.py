"""An adoption record's life through the services: mandated by rollout or adopted voluntarily,
in progress, reported on, applied — and who may do each step."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from adoption import services
from adoption.models import Adoption
from common.exceptions import Conflict
from tests.conftest import make_user
from workflow import services as workflow_services
from workflow.models import DeadlineRule

pytestmark = pytest.mark.django_db
A = Adoption.Status
REPORT = {"period": "6 tháng đầu năm 2026", "result_summary": "Giảm thời gian xử lý hồ sơ."}


@pytest.fixture
def head_phoyen(province):
    return make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))


@pytest.fixture
def mandated(at_state, province):
    initiative = at_state("rollout")
    return initiative.adoptions.get(agency=province.phoyen)


def test_mandated_by_rollout_then_reported_and_applied_by_the_head(mandated, province, head_phoyen):
    staff, today = province.other_staff, date.today()
    assert (mandated.source, mandated.status) == (Adoption.Source.MANDATED, A.ASSIGNED)
    assert mandated.due_date == today + timedelta(days=90)  # the leader's report_due
    assert mandated.report_every_months == 6

    started = services.adoption_update(
        adoption=mandated, actor=staff, data={"status": A.IN_PROGRESS}
    )
    assert (started.status, started.started_on) == (A.IN_PROGRESS, today)

    report = services.report_add(adoption=started, actor=staff, data=REPORT)
    assert report.confirmed_by is None and report.submitted_by == staff
    services.report_confirm(report=report, actor=head_phoyen)
    report.refresh_from_db()
    assert report.confirmed_by == head_phoyen

    applied = services.adoption_update(
        adoption=started, actor=head_phoyen, data={"status": A.APPLIED}
    )
    assert (applied.status, applied.applied_on) == (A.APPLIED, today)


def test_the_report_interval_follows_the_rollout_report_rule(at_state, province):
    DeadlineRule.objects.update_or_create(
        stage="rollout_report", defaults={"amount": 3, "unit": "months"}
    )
    assert at_state("rollout").adoptions.get(agency=province.phoyen).report_every_months == 3

    DeadlineRule.objects.filter(stage="rollout_report").update(amount=45, unit="days")
    adoption = at_state("rollout", title="Một cửa liên thông").adoptions.get(agency=province.dailu)
    assert adoption.report_every_months == 6  # a rule in days gives the default


def test_voluntary_adoption_of_a_recognized_initiative(at_state, province):
    initiative = at_state("recognized")
    staff = province.other_staff
    adoption = services.adoption_create_voluntary(initiative=initiative, actor=staff)
    assert (adoption.source, adoption.status, adoption.due_date) == ("voluntary", A.ASSIGNED, None)

    adoption = services.adoption_update(
        adoption=adoption, actor=staff, data={"status": A.IN_PROGRESS}
    )
    report = services.report_add(adoption=adoption, actor=staff, data=REPORT)
    adoption.refresh_from_db()
    assert report.period_due is None and adoption.due_date is None  # no schedule to follow

    with pytest.raises(ValidationError):
        services.adoption_create_voluntary(initiative=initiative, actor=staff)


def test_a_voluntary_adopter_named_by_the_rollout_becomes_mandated(at_state, province):
    initiative = at_state("recognized")
    services.adoption_create_voluntary(initiative=initiative, actor=province.other_staff)
    due = date.today() + timedelta(days=30)
    workflow_services.initiative_start_rollout(
        initiative=initiative, actor=province.leader,
        target_agencies=[province.phoyen.pk], report_due=due,
    )  # fmt: skip
    adoption = initiative.adoptions.get(agency=province.phoyen)
    assert (adoption.source, adoption.due_date, adoption.report_every_months) == (
        "mandated", due, 6,
    )  # fmt: skip


# --- Permissions -------------------------------------------------------------------------------


def test_staff_cannot_set_applied_nor_confirm_a_report(mandated, province):
    staff = province.other_staff
    with pytest.raises(PermissionDenied):
        services.adoption_update(adoption=mandated, actor=staff, data={"status": A.APPLIED})
    report = services.report_add(adoption=mandated, actor=staff, data=REPORT)
    with pytest.raises(PermissionDenied):
        services.report_confirm(report=report, actor=staff)
    report.refresh_from_db()
    mandated.refresh_from_db()
    assert report.confirmed_by is None and mandated.status == A.ASSIGNED


def test_another_agency_edits_nothing(mandated, province):
    other_head = make_user("head_daitu", "Hà Thị Thu", ("agency_head", province.dailu))
    staff_report = services.report_add(adoption=mandated, actor=province.other_staff, data=REPORT)
    for outsider in (province.staff, province.head, other_head, province.reviewer):
        with pytest.raises(PermissionDenied):
            services.adoption_update(
                adoption=mandated, actor=outsider, data={"status": A.IN_PROGRESS}
            )
        with pytest.raises(PermissionDenied):
            services.report_add(adoption=mandated, actor=outsider, data=REPORT)
        with pytest.raises(PermissionDenied):
            services.report_confirm(report=staff_report, actor=outsider)
    assert mandated.reports.count() == 1


def test_the_head_s_own_report_is_confirmed_at_once(mandated, head_phoyen):
    report = services.report_add(adoption=mandated, actor=head_phoyen, data=REPORT)
    assert report.confirmed_by == head_phoyen
    with pytest.raises(Conflict):
        services.report_confirm(report=report, actor=head_phoyen)


def test_not_applicable_needs_a_reason_and_then_takes_no_reports(mandated, province):
    staff = province.other_staff
    with pytest.raises(ValidationError) as problem:
        services.adoption_update(adoption=mandated, actor=staff, data={"status": A.NOT_APPLICABLE})
    assert "reason" in problem.value.message_dict
    services.adoption_update(
        adoption=mandated, actor=staff,
        data={"status": A.NOT_APPLICABLE, "reason": "Phường chưa có chữ ký số."},
    )  # fmt: skip
    with pytest.raises(Conflict):
        services.report_add(adoption=mandated, actor=staff, data=REPORT)

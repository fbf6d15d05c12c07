"""Issue 8, item 10: once an adoption record is confirmed — applied, or not applicable — only
the head of the agency changes it (status, dates, reason), through the API, the record's page
or the service itself. Staff are refused with a 403 that says why, and nothing changes."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from adoption import services
from adoption.models import Adoption
from tests.conftest import make_user, today

pytestmark = pytest.mark.django_db
A = Adoption.Status
REFUSED = "chỉ lãnh đạo cơ quan, đơn vị mới được sửa"


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


@pytest.fixture
def head(province):
    return make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))


@pytest.fixture
def adoption(at_state, province):
    return at_state("rollout").adoptions.get(agency=province.phoyen)


@pytest.fixture
def applied(adoption, province, head):
    services.adoption_update(
        adoption=adoption, actor=province.other_staff,
        data={"status": A.IN_PROGRESS, "started_on": days_ago(7)},
    )  # fmt: skip
    return services.adoption_update(
        adoption=adoption, actor=head, data={"status": A.APPLIED, "applied_on": days_ago(1)}
    )


@pytest.fixture
def not_applicable(adoption, province):
    return services.adoption_update(
        adoption=adoption, actor=province.other_staff,
        data={"status": A.NOT_APPLICABLE, "reason": "Phường chưa có chữ ký số."},
    )  # fmt: skip


def snapshot(adoption):
    adoption.refresh_from_db()
    return (adoption.status, adoption.started_on, adoption.applied_on, adoption.reason)


def path(adoption):
    return f"/api/v1/adoptions/{adoption.pk}/"


STAFF_CHANGES = [
    {"reason": "Sửa lý do sau khi lãnh đạo đã xác nhận."},
    {"started_on": lambda: days_ago(10).isoformat()},
    {"applied_on": lambda: days_ago(7).isoformat()},
    {"status": "in_progress"},
]


@pytest.mark.parametrize("record", ["applied", "not_applicable"])
@pytest.mark.parametrize("change", STAFF_CHANGES, ids=lambda c: next(iter(c)))
def test_staff_cannot_change_a_confirmed_record_through_the_api(
    request, province, api, record, change
):
    adoption = request.getfixturevalue(record)
    before = snapshot(adoption)
    change = {key: value() if callable(value) else value for key, value in change.items()}
    response = api(province.other_staff).patch(path(adoption), change, format="json")
    assert response.status_code == 403, response.data
    assert REFUSED in response.data["detail"]
    assert snapshot(adoption) == before


@pytest.mark.parametrize("record", ["applied", "not_applicable"])
def test_the_service_refuses_staff_whoever_calls_it(request, province, record):
    adoption = request.getfixturevalue(record)
    before = snapshot(adoption)
    with pytest.raises(PermissionDenied):
        services.adoption_update(
            adoption=adoption, actor=province.other_staff, data={"reason": "Khác."}
        )
    assert snapshot(adoption) == before


def test_the_head_still_corrects_an_applied_record(applied, api, head):
    last_week = days_ago(7)
    response = api(head).patch(
        path(applied), {"applied_on": last_week.isoformat(), "reason": "Ghi chú."}, format="json"
    )
    assert response.status_code == 200, response.data
    assert snapshot(applied) == (A.APPLIED, last_week, last_week, "Ghi chú.")


def test_the_head_reopens_or_rewords_a_not_applicable_record(not_applicable, api, head):
    reworded = api(head).patch(
        path(not_applicable), {"reason": "Chưa có hạ tầng chữ ký số."}, format="json"
    )
    assert reworded.status_code == 200, reworded.data
    assert snapshot(not_applicable)[3] == "Chưa có hạ tầng chữ ký số."
    reopened = api(head).patch(path(not_applicable), {"status": "in_progress"}, format="json")
    assert reopened.status_code == 200 and reopened.data["status"] == "in_progress"


def test_staff_is_refused_on_the_record_page(client, applied, province):
    client.force_login(province.other_staff)
    page = client.get(reverse("adoption:adoption_detail", args=[applied.pk])).content.decode()
    assert 'id="status-form"' not in page and 'id="record-head-only"' in page
    assert "Bản ghi áp dụng này đã được xác nhận" in page
    before = snapshot(applied)
    response = client.post(
        reverse("adoption:adoption_status", args=[applied.pk]),
        {"reason": "Sửa lý do.", "applied_on": days_ago(7).isoformat()},
    )
    assert response.status_code == 403
    assert REFUSED in response.content.decode()
    assert snapshot(applied) == before


def test_the_head_corrects_it_on_the_record_page(client, applied, head):
    last_week = days_ago(7)
    client.force_login(head)
    page = client.get(reverse("adoption:adoption_detail", args=[applied.pk])).content.decode()
    assert 'id="status-form"' in page
    response = client.post(
        reverse("adoption:adoption_status", args=[applied.pk]),
        {"applied_on": last_week.isoformat()},
    )
    assert response.status_code == 302
    assert snapshot(applied)[2] == last_week


def test_the_admin_reschedules_reports_through_the_service_and_nothing_else(admin_client, applied):
    new_due = today() + timedelta(days=40)
    response = admin_client.post(
        reverse("admin:adoption_adoption_change", args=[applied.pk]),
        {
            "due_date": new_due.isoformat(),
            "status": "in_progress",  # read-only there: ignored
            "reason": "x",
            "reports-TOTAL_FORMS": "0",
            "reports-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    applied.refresh_from_db()
    assert (applied.due_date, applied.status, applied.reason) == (new_due, A.APPLIED, "")

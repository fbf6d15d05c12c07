"""One complete revision request with at least a calendar month to reply (NĐ 13 Điều 6), and
the decision clock of NĐ 13 Điều 7: from acceptance or the end of first application if later,
set at the first acceptance and never restarted."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError

from common import clock
from common.exceptions import Conflict
from tests.conftest import today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import TransitionLog

COMMENT = "Bổ sung biên bản họp hội đồng cơ sở và số liệu minh chứng."


def request(initiative, actor, **kwargs):
    return services.initiative_request_revision(
        initiative=initiative, actor=actor, comment=kwargs.pop("comment", COMMENT), **kwargs
    )


def url(initiative, name):
    return f"/api/v1/initiatives/{initiative.pk}/transitions/{name}/"


# --- The reply period: calendar months ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "earliest"),
    [
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2027, 3, 31), date(2027, 4, 30)),
        (date(2027, 12, 15), date(2028, 1, 15)),
    ],
)
def test_the_reply_period_is_one_calendar_month(day, earliest, at_state, province, monkeypatch):
    initiative = at_state("department_review")
    monkeypatch.setattr(clock, "today", lambda: day)
    with nothing_changes(initiative), pytest.raises(ValidationError) as refused:
        request(initiative, province.reviewer, reply_due=earliest - timedelta(days=1))
    assert earliest.strftime("%d/%m/%Y") in str(refused.value.message_dict["reply_due"])
    done = request(initiative, province.reviewer, reply_due=earliest)
    assert done.status == "revision_requested" and done.revision_due == earliest


def test_the_default_reply_date_is_one_calendar_month(at_state, province, monkeypatch):
    initiative = at_state("department_review")
    monkeypatch.setattr(clock, "today", lambda: date(2028, 1, 31))
    assert request(initiative, province.reviewer).revision_due == date(2028, 2, 29)


def test_the_reply_period_has_a_maximum(at_state, province, monkeypatch):
    initiative = at_state("department_review")
    monkeypatch.setattr(clock, "today", lambda: date(2027, 11, 30))
    latest = date(2028, 2, 29)  # 3 calendar months, clamped to the leap February
    with nothing_changes(initiative), pytest.raises(ValidationError) as refused:
        request(initiative, province.reviewer, reply_due=latest + timedelta(days=1))
    assert "29/02/2028" in str(refused.value.message_dict["reply_due"])
    assert request(initiative, province.reviewer, reply_due=latest).revision_due == latest


def test_the_minimum_and_maximum_are_settings(at_state, province, settings):
    settings.REVISION_REPLY_MIN_MONTHS, settings.REVISION_REPLY_MAX_MONTHS = 2, 2
    initiative = at_state("department_review")
    with pytest.raises(ValidationError):
        request(initiative, province.reviewer, reply_due=today() + relativedelta(months=1))
    due = today() + relativedelta(months=2)
    assert request(initiative, province.reviewer).revision_due == due


def test_one_day_to_reply_is_refused_through_the_api(at_state, province, api):
    initiative = at_state("department_review")
    body = {"comment": COMMENT, "reply_due": (today() + timedelta(days=1)).isoformat()}
    with nothing_changes(initiative):
        response = api(province.reviewer).post(url(initiative, "request_revision"), body)
    assert response.status_code == 400
    assert "ít nhất 1 tháng" in response.data["reply_due"][0]


# --- One complete request during the department's review ----------------------------------


def test_a_second_request_during_review_is_refused(at_state, province, api):
    initiative = at_state("revision_requested")
    initiative = services.initiative_resubmit(initiative=initiative, actor=province.staff)
    with nothing_changes(initiative), pytest.raises(ValidationError) as refused:
        request(initiative, province.reviewer)
    assert "đầy đủ ngay từ lần đầu" in str(refused.value.message_dict["comment"])
    with nothing_changes(initiative):
        response = api(province.reviewer).post(
            url(initiative, "request_revision"), {"comment": COMMENT}
        )
    assert response.status_code == 400
    assert "đầy đủ ngay từ lần đầu" in response.data["comment"][0]


def test_the_number_of_requests_is_a_setting(at_state, province, settings):
    settings.REVISION_REQUESTS_MAX = 2
    initiative = at_state("revision_requested")
    initiative = services.initiative_resubmit(initiative=initiative, actor=province.staff)
    assert request(initiative, province.reviewer).status == "revision_requested"


def test_a_request_from_the_council_review_is_not_counted(at_state, province):
    initiative = at_state("revision_requested")
    initiative = services.initiative_resubmit(initiative=initiative, actor=province.staff)
    initiative = services.initiative_accept(
        initiative=initiative, actor=province.reviewer,
        council=province.council_body,
    )  # fmt: skip
    assert request(initiative, province.reviewer).status == "revision_requested"


@pytest.mark.parametrize("actor", ["staff", "head", "leader"])
def test_request_revision_by_the_wrong_actor_is_forbidden(actor, at_state, province, api):
    initiative = at_state("department_review")
    user = getattr(province, actor)
    with nothing_changes(initiative), pytest.raises(PermissionDenied):
        request(initiative, user)
    with nothing_changes(initiative):
        response = api(user).post(url(initiative, "request_revision"), {"comment": COMMENT})
    assert response.status_code == 403


@pytest.mark.parametrize("state", ["revision_requested", "awaiting_decision"])
def test_request_revision_from_the_wrong_state_is_a_conflict(state, at_state, province, api):
    initiative = at_state(state)
    with nothing_changes(initiative), pytest.raises(Conflict):
        request(initiative, province.reviewer)
    with nothing_changes(initiative):
        response = api(province.reviewer).post(
            url(initiative, "request_revision"), {"comment": COMMENT}
        )
    assert response.status_code == 409 and response.data["status"] == state


def test_request_revision_without_a_list_is_refused(at_state, province, api):
    initiative = at_state("department_review")
    with nothing_changes(initiative), pytest.raises(ValidationError):
        request(initiative, province.reviewer, comment=" ")
    with nothing_changes(initiative):
        response = api(province.reviewer).post(url(initiative, "request_revision"), {"comment": ""})
    assert response.status_code == 400 and "comment" in response.data


def test_request_revision_by_the_reviewer_through_the_api(at_state, province, api):
    initiative = at_state("department_review")
    response = api(province.reviewer).post(
        url(initiative, "request_revision"), {"comment": COMMENT}
    )
    assert response.status_code == 200 and response.data["status"] == "revision_requested"
    assert response.data["revision_due"] == (today() + relativedelta(months=1)).isoformat()


# --- The decision clock -------------------------------------------------------------------


def accept(initiative, province):
    return services.initiative_accept(
        initiative=initiative, actor=province.reviewer,
        council=province.council_body,
    )  # fmt: skip


def test_decision_due_is_three_months_from_acceptance(at_state, province):
    initiative = at_state("council_review")
    assert initiative.decision_due == today() + relativedelta(months=3)


def test_the_end_of_first_application_counts_when_it_is_later(at_state, province):
    ends = today() + timedelta(days=45)
    initiative = at_state("council_review", first_application_ends_on=ends)
    assert initiative.decision_due == ends + relativedelta(months=3)


def test_an_end_of_first_application_before_acceptance_does_not_count(at_state, province):
    initiative = at_state("council_review", first_application_ends_on=today() - timedelta(days=5))
    assert initiative.decision_due == today() + relativedelta(months=3)


def test_the_clock_does_not_restart_after_the_council_sends_it_back(
    at_state, province, monkeypatch
):
    initiative = at_state("council_review")
    first_due, first_accepted = initiative.decision_due, initiative.accepted_at
    later = today() + timedelta(days=80)
    monkeypatch.setattr(clock, "today", lambda: later)
    initiative = request(initiative, province.reviewer)
    initiative = services.initiative_resubmit(initiative=initiative, actor=province.staff)
    initiative = accept(initiative, province)
    assert initiative.status == "council_review"
    assert initiative.decision_due == first_due
    assert initiative.accepted_at == first_accepted
    assert TransitionLog.objects.filter(initiative=initiative, transition="accept").count() == 2


def test_the_trial_end_cannot_precede_the_first_application(province):
    from tests.conftest import make_draft

    draft = make_draft(province, first_application_ends_on=today() - timedelta(days=90))
    with nothing_changes(draft), pytest.raises(ValidationError) as refused:
        services.initiative_submit(initiative=draft, actor=province.staff)
    assert "first_application_ends_on" in refused.value.message_dict


def test_the_api_reads_and_writes_the_end_of_first_application(province, api):
    from tests.conftest import make_draft

    draft = make_draft(province)
    ends = (today() + timedelta(days=30)).isoformat()
    client = api(province.staff)
    response = client.patch(
        f"/api/v1/initiatives/{draft.pk}/", {"first_application_ends_on": ends}, format="json"
    )
    assert response.status_code == 200, response.data
    assert client.get(f"/api/v1/initiatives/{draft.pk}/").data["first_application_ends_on"] == ends


def test_the_revision_notice_names_the_legal_basis_of_the_reply_date(at_state, province):
    from notifications.models import Notification

    initiative = request(at_state("department_review"), province.reviewer)
    notice = Notification.objects.filter(initiative=initiative, kind="request_revision").first()
    assert notice is not None
    assert "Điều 6 NĐ 13/2012: ít nhất 01 tháng" in notice.message


# --- The work lists name the legal basis of the deadlines they show -------------------------

DECISION_BASIS = "Điều 7 NĐ 13/2012: 03 tháng kể từ ngày chấp nhận đơn"


def basis_lines(client, user, url) -> list[str]:
    import re

    client.force_login(user)
    html = client.get(url, headers={"accept-language": "vi"}).content.decode()
    return [re.sub(r"\s+", " ", line) for line in re.findall(r"legal-basis[^>]*>(.*?)</", html)]


def test_the_home_work_list_names_the_basis_of_each_deadline(at_state, province, client):
    at_state("department_review")
    at_state("awaiting_decision")
    reviewer = basis_lines(client, province.reviewer, "/")
    assert any("Điều 6 NĐ 13/2012" in line for line in reviewer), reviewer
    leader = basis_lines(client, province.leader, "/")
    assert any(DECISION_BASIS in line for line in leader), leader


def test_an_empty_section_names_no_basis(province, client):
    assert basis_lines(client, province.reviewer, "/") == []


@pytest.mark.parametrize(
    ("who", "url", "state"),
    [
        ("reviewer", "/review/", "council_review"),
        ("leader", "/decisions/", "awaiting_decision"),
        ("council1", "/council/", "council_review"),
    ],
)
def test_the_queue_pages_name_the_decision_clock_basis(who, url, state, at_state, province, client):
    at_state(state)
    user = province.council[0] if who == "council1" else getattr(province, who)
    lines = basis_lines(client, user, url)
    assert any(DECISION_BASIS in line for line in lines), lines

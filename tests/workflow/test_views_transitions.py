"""The transition pages: GET shows what the transition needs, POST calls the service. Errors
are shown next to their fields with everything typed kept; nothing ever answers 500."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import translation

from common.exceptions import Conflict
from initiatives.models import Initiative
from tests.conftest import make_draft, today
from tests.unchanged import nothing_changes
from tests.workflow.council_fixtures import all_seat_ids, minutes_body
from workflow import scoresheets
from workflow.models import TransitionLog
from workflow.scenarios import STEPS

pytestmark = pytest.mark.django_db

REQUIRED = "Trường này là bắt buộc."  # Django's own Vietnamese message
# The three boxes of the submission page: truthful (TT 18); NĐ 13 Điều 3.2's two exclusions.
DECLARED = {"declaration": "on", "declaration_public_order": "on", "declaration_no_ip": "on"}


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def dmy_days_from_now(days):
    """A date in a case's form data, computed when the test runs: (province) → dd/mm/yyyy."""
    return lambda province: dmy(today() + timedelta(days=days))


def unchanged(initiative):
    """A refused or invalid transition leaves the dossier, its authors and every table as they
    were."""
    return nothing_changes(initiative, initiative.authors.all())


def url(initiative, name):
    return reverse("workflow:transition", args=[initiative.pk, name])


def as_user(client, user):
    client.force_login(user)
    return client


def lang_headers():
    return {"accept-language": translation.get_language()}


def html_of(client, user, address) -> str:
    """GET a page as a user, in the active language."""
    return as_user(client, user).get(address, headers=lang_headers()).content.decode()


def page(response) -> str:
    return response.content.decode()


def field_block(html: str, name: str) -> str:
    """The crispy block of one field: its label, input and error messages."""
    start = html.index(f'id="div_id_{name}"')
    end = html.find('<div id="div_id_', start + 1)
    return html[start : end if end != -1 else None]


@dataclass
class Case:
    name: str
    state: str
    actor: str
    target: str
    data: dict = field(default_factory=dict)

    def __str__(self):
        return self.name


CASES = [
    Case("submit", "draft", "staff", "department_review", DECLARED),
    Case("resubmit", "revision_requested", "head", "department_review", DECLARED),
    Case("withdraw", "department_review", "staff", "withdrawn"),
    Case("request_revision", "department_review", "reviewer", "revision_requested",
         {"comment": "Bổ sung biên bản.", "reply_due": dmy_days_from_now(40)}),
    Case("reject", "department_review", "reviewer", "refused",
         {"comment": "Trùng với đơn đã nộp.", "grounds": ["duplicate"]}),
    Case("accept", "department_review", "reviewer", "council_review",
         {"council": lambda p: p.council_body.pk}),
    Case("complete_scoring", "council_review_scored", "reviewer", "awaiting_decision"),
    Case("recognize", "awaiting_decision", "leader", "recognized",
         {"decision_number": "12/QĐ-UBND", "decision_date": dmy_days_from_now(0),
          "signer": "Ngô Thanh Sơn", "signer_authority": "vice_chairman", "scope": "provincial"}),
    Case("decline", "awaiting_decision", "leader", "rejected", {"comment": "Hiệu quả chưa rõ."}),
    Case("start_rollout", "recognized", "leader", "rollout",
         {"target_agencies": lambda p: [p.phoyen.pk, p.dailu.pk],
          "report_due": dmy_days_from_now(60)}),
    Case("close_rollout", "rollout", "reviewer", "closed"),
    Case("revoke", "closed", "leader", "revoked",
         {"decision_number": "215/QĐ-UBND", "decision_date": dmy_days_from_now(0),
          "comment": "Sao chép giải pháp đã được bảo hộ."}),
    Case("appeal", "refused", "head", "appeal_review", {"comment": "Hồ sơ đã đủ thành phần."}),
    Case("resolve_appeal", "appeal_review", "reviewer", "department_review",
         {"outcome": "granted", "comment": "Chấp nhận khiếu nại, xem xét lại đơn."}),
]  # fmt: skip


@pytest.fixture
def dossier(at_state, province):
    def build(state, **fields):
        if state == "council_review_scored":
            initiative = at_state("council_review", **fields)
            return STEPS["score"](initiative, province.cast(), today())
        return at_state(state, **fields)

    return build


def resolve(data, province):
    return {k: (v(province) if callable(v) else v) for k, v in data.items()}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_get_shows_the_confirmation_page(case, dossier, province, client):
    initiative = dossier(case.state)
    response = as_user(client, getattr(province, case.actor)).get(url(initiative, case.name))
    assert response.status_code == 200
    assert 'id="transition-form"' in page(response)
    assert initiative.title in page(response)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_post_moves_the_dossier_through_the_service(case, dossier, province, client):
    initiative = dossier(case.state)
    actor = getattr(province, case.actor)
    before = TransitionLog.objects.filter(initiative=initiative).count()
    data = resolve(case.data, province)
    if case.name == "complete_scoring":
        data |= minutes_body(initiative, web=True)
    response = as_user(client, actor).post(url(initiative, case.name), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("workflow:detail", args=[initiative.pk])
    initiative.refresh_from_db()
    assert initiative.status == case.target
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.target, log.actor) == (case.name, case.target, actor)
    assert TransitionLog.objects.filter(initiative=initiative).count() == before + 1
    assert "alert-success" in page(response)


# --- Wrong user, unknown name, wrong state -------------------------------------------------


def test_wrong_role_gets_403_and_invisible_dossier_404(at_state, province, client):
    initiative = at_state("department_review")
    for method in ("get", "post"):
        with unchanged(initiative):
            staff = getattr(as_user(client, province.staff), method)(url(initiative, "accept"))
            leader = getattr(as_user(client, province.leader), method)(url(initiative, "reject"))
            outsider = getattr(as_user(client, province.outsider), method)(
                url(initiative, "reject")
            )
        assert staff.status_code == 403
        assert 'id="forbidden-reason"' in page(staff)
        assert leader.status_code == 403
        assert outsider.status_code == 404


def test_unknown_or_system_transition_is_404(at_state, province, client):
    initiative = at_state("revision_requested")
    as_user(client, province.reviewer)
    assert client.get(url(initiative, "fly")).status_code == 404
    assert client.get(url(initiative, "expire")).status_code == 404
    with unchanged(initiative):
        assert client.post(url(initiative, "expire")).status_code == 404


def test_wrong_state_redirects_with_a_message(at_state, province, client):
    initiative = at_state("council_review")
    for method in ("get", "post"):
        with translation.override("en"), unchanged(initiative):
            response = getattr(as_user(client, province.reviewer), method)(
                url(initiative, "accept"), follow=True, headers=lang_headers()
            )
        assert response.redirect_chain[0] == (
            reverse("workflow:detail", args=[initiative.pk]),
            302,
        )
        assert "is not possible while the dossier is" in page(response)


def test_conflict_from_the_service_is_a_message_not_a_500(at_state, province, client, monkeypatch):
    from workflow import services

    def lost_race(**kwargs):
        raise Conflict("Someone else changed this dossier at the same time.")

    monkeypatch.setitem(services.SERVICES, "reject", lost_race)
    initiative = at_state("department_review")
    response = as_user(client, province.reviewer).post(
        url(initiative, "reject"), {"comment": "Lý do."}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("workflow:detail", args=[initiative.pk])
    assert "Someone else changed this dossier at the same time." in page(response)


def test_anonymous_user_is_sent_to_login(at_state, client):
    initiative = at_state("department_review")
    response = client.get(url(initiative, "reject"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Errors next to their fields, input kept ----------------------------------------------


def test_request_revision_without_comment(at_state, province, client):
    initiative = at_state("department_review")
    due = dmy(today() + timedelta(days=12))
    with unchanged(initiative):
        response = as_user(client, province.reviewer).post(
            url(initiative, "request_revision"), {"comment": "", "reply_due": due}
        )
    assert response.status_code == 200
    html = page(response)
    assert REQUIRED in field_block(html, "comment")
    assert f'value="{due}"' in field_block(html, "reply_due")
    initiative.refresh_from_db()
    assert initiative.status == "department_review"
    assert not TransitionLog.objects.filter(initiative=initiative, transition="request_revision")


def test_request_revision_service_error_is_shown_next_to_its_field(at_state, province, client):
    initiative = at_state("department_review")
    comment = "Thiếu biên bản họp hội đồng cơ sở."
    with translation.override("en"), unchanged(initiative):
        response = as_user(client, province.reviewer).post(
            url(initiative, "request_revision"),
            {"comment": comment, "reply_due": dmy(today())},
            headers=lang_headers(),
        )
    html = page(response)
    assert "at least 1 calendar month(s) to reply" in field_block(html, "reply_due")
    assert comment in field_block(html, "comment")
    initiative.refresh_from_db()
    assert initiative.status == "department_review"


def test_request_revision_defaults_the_reply_due_date(at_state, province, client):
    initiative = at_state("department_review")
    html = page(as_user(client, province.reviewer).get(url(initiative, "request_revision")))
    expected = today() + relativedelta(months=1)
    assert f'value="{dmy(expected)}"' in field_block(html, "reply_due")
    assert 'id="checklist"' in html


@pytest.mark.parametrize(("name", "state", "actor"), [
    ("reject", "department_review", "reviewer"), ("decline", "awaiting_decision", "leader"),
    ("revoke", "recognized", "leader"),
])  # fmt: skip
def test_reason_is_required(name, state, actor, at_state, province, client):
    initiative = at_state(state)
    with unchanged(initiative):
        response = as_user(client, getattr(province, actor)).post(url(initiative, name), {})
    assert REQUIRED in field_block(page(response), "comment")
    initiative.refresh_from_db()
    assert initiative.status == state


def test_submit_needs_the_declaration(province, client):
    initiative = make_draft(province, truthfulness_declared=False)
    with translation.override("en"):
        html = page(
            as_user(client, province.staff).get(url(initiative, "submit"), headers=lang_headers())
        )
    assert "I declare that the information in this application is truthful" in html
    with unchanged(initiative):
        response = client.post(url(initiative, "submit"), {"comment": "Kính gửi Sở."})
    assert REQUIRED in field_block(page(response), "declaration")
    assert "Kính gửi Sở." in page(response)
    initiative.refresh_from_db()
    assert initiative.status == "draft" and not initiative.truthfulness_declared
    client.post(url(initiative, "submit"), DECLARED)
    initiative.refresh_from_db()
    assert initiative.status == "department_review" and initiative.truthfulness_declared


def test_submit_lists_every_unmet_condition_and_rolls_the_declaration_back(province, client):
    initiative = make_draft(
        province,
        truthfulness_declared=False,
        authors=[("Nguyễn Thị Lan", 60), ("Trần Văn Hùng", 30)],
        first_applied_on=today() - timedelta(days=400),
        applicability="",
    )
    edit = reverse("initiatives:edit", args=[initiative.pk])
    with translation.override("en"):
        html = page(
            as_user(client, province.staff).get(url(initiative, "submit"), headers=lang_headers())
        )
        assert 'id="submission-problems"' in html and edit in html
        with unchanged(initiative):
            response = client.post(url(initiative, "submit"), DECLARED, headers=lang_headers())
    html = page(response)
    assert response.status_code == 200
    assert "90%" in html and "more than one year ago" in html
    assert "“applicability” is required before submitting." in html
    assert edit in html
    initiative.refresh_from_db()
    assert initiative.status == "draft"
    assert not initiative.truthfulness_declared  # the declaration was rolled back too


def test_accept_shows_the_council_with_who_is_recused_and_why(at_state, province, client):
    initiative = at_state("department_review")
    seat = province.seat(province.council_stp)
    html = page(as_user(client, province.reviewer).get(url(initiative, "accept")))
    council = province.council_body
    # The only council that can take the dossier is chosen already.
    radio = re.search(rf'<input[^>]*name="council"[^>]*value="{council.pk}"[^>]*>', html).group(0)
    assert "checked" in radio and "disabled" not in radio
    assert "1234/QĐ-UBND" in html
    row = re.search(rf'<tr[^>]*data-seat="{seat.pk}".*?</tr>', html, re.S).group(0)
    assert "Bùi Văn Tâm" in row and "recusal-reason" in row
    for member in province.council:
        row = re.search(rf"<tr[^>]*>\s*<th[^>]*>{member.full_name}.*?</tr>", html, re.S).group(0)
        assert "recusal-reason" not in row


def test_accept_a_member_who_merely_shares_an_authors_name_is_not_recused(province, client):
    from workflow.scenarios import advance

    initiative = advance(
        make_draft(province, authors=[("Vũ Thị Mai", 100)]), "department_review", province.cast()
    )
    html = page(as_user(client, province.reviewer).get(url(initiative, "accept")))
    namesake = province.council[1]  # Vũ Thị Mai, of Sở Nội vụ: a namesake, not the author
    row = re.search(rf"<tr[^>]*>\s*<th[^>]*>{namesake.full_name}.*?</tr>", html, re.S).group(0)
    assert "recusal-reason" not in row


def test_accept_a_council_short_of_its_quorum_keeps_the_comment(at_state, province, client):
    initiative = at_state("department_review")
    council = province.council_body
    council.quorum_numerator = council.quorum_denominator = 1  # every member must sit
    council.save()
    province.seat(province.council_stp)  # recused: works at the applicant agency
    with translation.override("en"), unchanged(initiative):
        response = as_user(client, province.reviewer).post(
            url(initiative, "accept"),
            {"council": council.pk, "comment": "Ghi chú"},
            headers=lang_headers(),
        )
    html = page(response)
    fieldset = html[html.index('id="council-choice"') : html.index("</fieldset>")]
    assert "The council needs 4 members who are not recused" in fieldset
    assert "only 3 are" in fieldset and "Bùi Văn Tâm" in fieldset
    assert "Ghi chú" in html
    initiative.refresh_from_db()
    assert initiative.status == "department_review"


def test_accept_without_a_council_names_the_field(at_state, province, client):
    initiative = at_state("department_review")
    with unchanged(initiative):
        html = page(as_user(client, province.reviewer).post(url(initiative, "accept"), {}))
    fieldset = html[html.index('id="council-choice"') : html.index("</fieldset>")]
    assert "Chọn Hội đồng sáng kiến được thành lập theo quyết định" in fieldset


def test_complete_scoring_page_waits_for_every_sheet(at_state, province, client):
    initiative = at_state("council_review")
    scoresheets.scoresheet_save(
        initiative_id=initiative.pk, actor=province.council[0], vote="agree", submit=True,
        scores={"novelty": 35, "applicability": 25, "benefit": 25}, comment="Rất tốt",
    )  # fmt: skip
    reviewer = as_user(client, province.reviewer)
    html = page(reviewer.get(url(initiative, "complete_scoring")))
    # Those who handed in a sheet are ticked present; one of three is short of the quorum.
    quorum = html[html.index('id="quorum"') : html.index("</section>", html.index('id="quorum"'))]
    assert "text-danger" in quorum
    assert "Vũ Thị Mai" in html and "Đỗ Quang Vinh" in html
    assert "Rất tốt" in html  # the reviewer sees the sheets already in
    with unchanged(initiative):
        html = page(reviewer.post(url(initiative, "complete_scoring"), {
            "meeting_date": dmy(today()), "present": all_seat_ids(initiative)}))  # fmt: skip
    assert 'id="missing-sheets"' in html
    missing = html[html.index('id="missing-sheets"') :]
    assert "Vũ Thị Mai" in missing and "Đỗ Quang Vinh" in missing


def test_complete_scoring_page_shows_the_table_and_the_recommendation(dossier, province, client):
    initiative = dossier("council_review_scored")
    with translation.override("en"):
        html = page(
            as_user(client, province.reviewer).get(
                url(initiative, "complete_scoring"), headers=lang_headers()
            )
        )
    table = html[html.index("score-table") :]
    assert table.count('class="score-row"') == 3
    for member in province.council:
        assert member.get_full_name() in table
    assert "Tính mới" in table and "Mean" in table
    assert "76" in html  # 30 + 22 + 24, every member alike
    assert "The council recommends recognition." in html
    assert 'id="transition-form"' in html


def test_recognize_shows_the_council_result_and_checks_the_date(at_state, province, client):
    initiative = at_state("awaiting_decision")
    with translation.override("en"):
        html = page(
            as_user(client, province.leader).get(
                url(initiative, "recognize"), headers=lang_headers()
            )
        )
        assert 'id="score-summary"' in html
        assert "3/3 members agree (counted against the members named" in html
        with unchanged(initiative):
            response = client.post(
                url(initiative, "recognize"),
                {"decision_number": "99/QĐ-UBND", "signer": "Ngô Thanh Sơn",
                 "signer_authority": "chairman",
                 "decision_date": dmy(today() + timedelta(days=3))},
                headers=lang_headers(),
            )  # fmt: skip
    html = page(response)
    assert "The decision date cannot be in the future." in field_block(html, "decision_date")
    assert "99/QĐ-UBND" in html and "Ngô Thanh Sơn" in html
    assert re.search(r'<input[^>]*value="chairman"[^>]*checked', html)
    initiative.refresh_from_db()
    assert initiative.status == "awaiting_decision"


def test_start_rollout_page_groups_agencies_and_loads_the_picker(at_state, province, client):
    initiative = at_state("recognized")
    html = page(as_user(client, province.leader).get(url(initiative, "start_rollout")))
    assert "js/rollout_picker.js" in html
    assert 'data-picker="kind" data-kind="commune"' in html
    assert f'<option value="{province.ubnd.pk}">' in html  # quick select by parent
    assert 'id="selected-count"' in html and 'aria-live="polite"' in html
    for agency in (province.phoyen, province.dailu, province.snv):
        assert f'value="{agency.pk}"' in html
    with unchanged(initiative):
        response = client.post(url(initiative, "start_rollout"), {"report_due": "31/02/2030"})
    html = page(response)
    assert (
        REQUIRED in html[html.index('id="rollout-picker"') : html.index('id="div_id_report_due"')]
    )
    assert "is-invalid" in field_block(html, "report_due")
    initiative.refresh_from_db()
    assert initiative.status == "recognized"


def test_start_rollout_refuses_garbage_without_a_500(at_state, province, client):
    initiative = at_state("recognized")
    with unchanged(initiative):
        response = as_user(client, province.leader).post(
            url(initiative, "start_rollout"),
            {"target_agencies": ["abc", "999999"], "report_due": "hôm nay"},
        )
    assert response.status_code == 200
    assert Initiative.objects.get(pk=initiative.pk).status == "recognized"


def test_withdraw_says_it_cannot_be_undone(at_state, province, client):
    initiative = at_state("revision_requested")
    with translation.override("en"):
        html = page(
            as_user(client, province.staff).get(url(initiative, "withdraw"), headers=lang_headers())
        )
    assert "cannot be undone" in html


def test_large_ids_are_not_printed_with_thousand_separators(at_state, province, client):
    """Vietnamese number formatting writes 4439 as "4.439": ids in forms must stay raw."""
    from agencies.models import Agency

    big_agency = Agency.objects.create(
        pk=12345, code="UBND-LON", name="UBND xã Lớn", kind="commune", parent=province.ubnd
    )
    member = type(province.reviewer).objects.create_user(
        id=23456, username="council_big", full_name="Tạ Văn Lớn"
    )
    member.memberships.create(agency=province.snv, role="council_member")
    recognized = at_state("recognized")
    province.seat(member, pk=23456)
    initiative = at_state("department_review")
    accept_page = page(as_user(client, province.reviewer).get(url(initiative, "accept")))
    assert 'data-seat="23456"' in accept_page and "23.456" not in accept_page
    rollout_page = page(as_user(client, province.leader).get(url(recognized, "start_rollout")))
    assert f'value="{big_agency.pk}"' in rollout_page and "12.345" not in rollout_page


def test_revoke_page_names_a_future_date_next_to_its_field(at_state, province, client):
    initiative = at_state("rollout")
    data = {"decision_number": "215/QĐ-UBND", "decision_date": dmy(today() + timedelta(days=1)),
            "comment": "Sao chép giải pháp đã được bảo hộ."}  # fmt: skip
    with unchanged(initiative):
        response = as_user(client, province.leader).post(url(initiative, "revoke"), data)
    html = page(response)
    assert "không được sau ngày hiện tại" in field_block(html, "decision_date")
    assert "215/QĐ-UBND" in field_block(html, "decision_number")  # what was typed is kept
    initiative.refresh_from_db()
    assert initiative.status == "rollout"

"""The appeal on the pages (DESIGN.md §5 v2): the dossier page tells the owning agency's head
until when they may appeal (with the legal basis) and offers the button and the letter upload;
the transition pages file and resolve an appeal; the resolver marks it complex; the work lists
and the admin. The service and API rules are in test_appeal.py."""

from datetime import timedelta

import pytest
from django.urls import reverse

from common import clock
from common.exceptions import Conflict
from tests.conftest import today
from tests.unchanged import nothing_changes
from tests.workflow.test_appeal import (
    GROUNDS,
    REASONS,
    appeal,
    detail,
    dmy,
    page,
    resolve,
)
from workflow import services
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db

BUTTON = 'transition-button" data-transition="appeal"'


def test_marking_it_complex_gives_45_days_from_filing(at_state, province, client):
    initiative = appeal(at_state("refused"), province.head)
    filed = initiative.appeal_filed_at
    client.force_login(province.reviewer)
    response = client.post(reverse("workflow:appeal_complex", args=[initiative.pk]),
                           {"comment": "Cần xác minh tại đơn vị."})  # fmt: skip
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.appeal_complex is True
    from django.utils import timezone

    assert initiative.appeal_due == timezone.localdate(filed) + timedelta(days=45)
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert log.transition == "appeal_complex" and log.comment == "Cần xác minh tại đơn vị."
    html = client.get(detail(initiative)).content.decode()
    assert "Đánh dấu khiếu nại phức tạp" in html or 'data-transition="appeal_complex"' in html
    assert dmy(initiative.appeal_due) in html


def test_only_the_resolver_marks_it_complex(at_state, province, client):
    initiative = appeal(at_state("rejected"), province.head)
    for who in (province.reviewer, province.head):
        client.force_login(who)
        with nothing_changes(initiative):
            response = client.post(reverse("workflow:appeal_complex", args=[initiative.pk]))
        assert response.status_code == 403


def test_work_lists_show_appeals_to_their_resolvers(at_state, province, client):
    refused = appeal(at_state("refused", title="Khiếu nại từ chối"), province.head)
    rejected = appeal(at_state("rejected", title="Khiếu nại không công nhận"), province.head)
    from workflow.worklist import work_sections

    def titles(user):
        return {item.initiative.title for s in work_sections(user) for item in s.items
                if s.key.startswith("appeals")}  # fmt: skip

    assert titles(province.reviewer) == {refused.title}
    assert titles(province.leader) == {rejected.title}


def test_the_dossier_page_tells_the_head_until_when(at_state, province, client):
    initiative = at_state("refused")
    client.force_login(province.head)
    html = client.get(detail(initiative)).content.decode()
    assert 'id="appeal-period"' in html
    assert dmy(today() + timedelta(days=90)) in html
    assert "Điều 9" in html  # the legal basis
    assert BUTTON in html
    client.force_login(province.staff)
    html = client.get(detail(initiative)).content.decode()
    assert BUTTON not in html


def test_the_web_pages_file_and_resolve_an_appeal(at_state, province, client):
    initiative = at_state("rejected")
    client.force_login(province.head)
    response = client.post(page(initiative, "appeal"), {"comment": ""})
    assert response.status_code == 200  # shown again, the problem beside its field
    assert "căn cứ khiếu nại" in response.content.decode()
    response = client.post(page(initiative, "appeal"), {"comment": GROUNDS})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "appeal_review"

    client.force_login(province.reviewer)
    assert client.get(page(initiative, "resolve_appeal")).status_code == 403
    client.force_login(province.leader)
    assert client.get(page(initiative, "resolve_appeal")).status_code == 200
    response = client.post(page(initiative, "resolve_appeal"), {"comment": REASONS})
    assert response.status_code == 200 and "kết quả" in response.content.decode()
    response = client.post(page(initiative, "resolve_appeal"),
                           {"outcome": "granted", "comment": REASONS})  # fmt: skip
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "council_review"
    html = client.get(detail(initiative)).content.decode()
    assert 'data-transition="resolve_appeal"' in html  # on the timeline


def test_the_web_page_refuses_a_late_appeal_naming_the_last_day(at_state, province, client,
                                                                monkeypatch):  # fmt: skip
    initiative = at_state("refused")
    last_day = today() + timedelta(days=90)
    monkeypatch.setattr(clock, "today", lambda: last_day + timedelta(days=1))
    client.force_login(province.head)
    with nothing_changes(initiative):
        response = client.post(page(initiative, "appeal"), {"comment": GROUNDS})
    assert response.status_code == 200
    assert dmy(last_day) in response.content.decode()


def test_web_wrong_state_and_wrong_actor(at_state, province, client):
    initiative = at_state("department_review")
    client.force_login(province.head)
    with nothing_changes(initiative):
        response = client.post(page(initiative, "appeal"), {"comment": GROUNDS})
    assert response.status_code == 302  # back to the dossier with the conflict message
    refused = at_state("refused")
    client.force_login(province.staff)
    with nothing_changes(refused):
        assert client.post(page(refused, "appeal"), {"comment": GROUNDS}).status_code == 403


def test_no_appeal_button_once_the_period_ended_or_the_outcome_is_final(
    at_state, province, client, monkeypatch
):
    late = at_state("refused", title="Hết thời hạn khiếu nại")
    final = resolve(appeal(at_state("refused"), province.head), province.reviewer)
    client.force_login(province.head)
    html = client.get(detail(final)).content.decode()
    assert 'id="appeal-final"' in html and BUTTON not in html
    last_day = today() + timedelta(days=90)
    monkeypatch.setattr(clock, "today", lambda: last_day + timedelta(days=1))
    html = client.get(detail(late)).content.decode()
    assert BUTTON not in html
    assert dmy(last_day) in html  # "the appeal period ended on …"


def test_the_head_uploads_the_letter_of_appeal_from_the_dossier_page(at_state, province, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    initiative = at_state("refused")
    client.force_login(province.head)
    html = client.get(detail(initiative)).content.decode()
    assert 'id="appeal-upload"' in html
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post(
        reverse("initiatives:attachment_upload", args=[initiative.pk]),
        {"file": SimpleUploadedFile("don-khieu-nai.pdf", pdf), "kind": "don_khieu_nai"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/initiatives/{initiative.pk}/#appeal")
    assert initiative.attachments.get(kind="don_khieu_nai").original_name == "don-khieu-nai.pdf"
    client.force_login(province.reviewer)
    assert 'id="appeal-upload"' not in client.get(detail(initiative)).content.decode()


def test_the_admin_resolves_an_appeal_through_the_service(admin_client, at_state, province):
    initiative = appeal(at_state("rejected"), province.head)
    address = reverse("admin:initiatives_initiative_transition",
                      args=[initiative.pk, "resolve_appeal"])  # fmt: skip
    assert admin_client.get(address).status_code == 200
    admin_client.post(address, {"outcome": "upheld", "comment": REASONS})
    initiative.refresh_from_db()
    assert (initiative.status, initiative.appeal_final) == ("rejected", True)


def test_marking_complex_outside_an_appeal_is_a_conflict_and_twice_changes_nothing(
    at_state, province, client
):
    refused = at_state("refused")
    with nothing_changes(refused), pytest.raises(Conflict):
        services.appeal_mark_complex(initiative=refused, actor=province.reviewer)
    client.force_login(province.reviewer)
    with nothing_changes(refused):
        response = client.post(reverse("workflow:appeal_complex", args=[refused.pk]), follow=True)
    assert "Chỉ khiếu nại đang được giải quyết" in response.content.decode()

    initiative = services.appeal_mark_complex(
        initiative=appeal(at_state("refused"), province.head), actor=province.reviewer
    )
    with nothing_changes(initiative):
        services.appeal_mark_complex(initiative=initiative, actor=province.reviewer)
    assert 'id="appeal-complex-form"' not in client.get(detail(initiative)).content.decode()


def test_a_too_long_reason_for_complexity_is_a_message_not_a_500(at_state, province, client):
    initiative = appeal(at_state("refused"), province.head)
    client.force_login(province.reviewer)
    with nothing_changes(initiative):
        response = client.post(reverse("workflow:appeal_complex", args=[initiative.pk]),
                               {"comment": "x" * 20000}, follow=True)  # fmt: skip
    assert response.status_code == 200
    assert "20.000" in response.content.decode()  # "at most 5.000 characters (this has 20.000)"


def test_the_work_list_gives_a_complex_appeal_its_45_day_basis(at_state, province, client):
    plain = appeal(at_state("refused"), province.head)
    complex_one = services.appeal_mark_complex(
        initiative=appeal(at_state("refused"), province.head), actor=province.reviewer
    )
    client.force_login(province.reviewer)
    html = client.get("/", headers={"accept-language": "vi"}).content.decode()
    section = html[html.index('id="work-appeals_refused"') :]
    section = section[: section.index("</section>")]
    assert "30 ngày" in section  # the section's basis
    items = section.split('work-item"')[1:]
    by_pk = {pk: item for item in items for pk in (plain.pk, complex_one.pk)
             if f"/initiatives/{pk}/" in item}  # fmt: skip
    assert "45 ngày kể từ ngày thụ lý đối với vụ việc phức tạp" in by_pk[complex_one.pk]
    assert "vụ việc phức tạp" not in by_pk[plain.pk]

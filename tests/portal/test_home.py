"""The layout and the work list ("Việc cần làm") each user lands on after login."""

from datetime import timedelta

import pytest
from django.utils import timezone

from initiatives.models import Initiative
from tests.conftest import make_draft
from workflow.scenarios import STEPS

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response


def sections(response):
    return {s.key: s.items for s in response.context["sections"]}


def test_login_required(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_login_page_is_vietnamese(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page


def test_agency_sees_drafts_and_revisions_with_deadlines(province, client, at_state):
    draft = make_draft(province)
    revision = at_state("revision_requested")
    Initiative.objects.filter(pk=revision.pk).update(
        revision_due=timezone.localdate() + timedelta(days=3)
    )
    response = home(client, province.staff)
    work = sections(response)
    assert [i.initiative for i in work["drafts"]] == [draft]
    assert [i.initiative for i in work["revisions"]] == [revision]
    page = response.content.decode()
    assert "text-bg-warning" in page  # due in 3 days: the "soon" badge, with words
    assert "Còn 3 ngày" in page or "3 days left" in page


def test_reviewer_sees_the_queue_oldest_first(province, client, at_state):
    first = at_state("department_review")
    second = at_state("department_review")
    work = sections(home(client, province.reviewer))
    assert [i.initiative for i in work["review"]] == [first, second]
    assert "drafts" not in work


def test_council_member_sees_sheets_to_fill_until_submitted(province, client, at_state):
    initiative = at_state("council_review")
    assert [i.initiative for i in sections(home(client, province.council[0]))["sheets"]] == [
        initiative
    ]
    STEPS["score"](initiative, province.cast(), timezone.localdate())
    assert "sheets" not in sections(home(client, province.council[0]))
    reviewer_items = sections(home(client, province.reviewer))["complete_scoring"]
    assert reviewer_items[0].note.startswith("3")


def test_leader_sees_decisions(province, client, at_state):
    waiting = at_state("awaiting_decision")
    recognized = at_state("recognized")
    work = sections(home(client, province.leader))
    assert [i.initiative for i in work["decisions"]] == [waiting]
    assert [i.initiative for i in work["rollout"]] == [recognized]


def test_overdue_badge(province, client, at_state):
    late = at_state("department_review")
    Initiative.objects.filter(pk=late.pk).update(
        review_due=timezone.localdate() - timedelta(days=2)
    )
    page = home(client, province.reviewer).content.decode()
    assert "text-bg-danger" in page and "bi-exclamation-octagon" in page


def test_nothing_to_do(province, client):
    page = home(client, province.outsider).content.decode()
    assert "alert-success" in page


def test_menu_shows_only_what_roles_allow(province, client):
    staff_page = home(client, province.staff).content.decode()
    assert "/initiatives/new/" in staff_page and "/review/" not in staff_page
    reviewer_page = home(client, province.reviewer).content.decode()
    assert "/review/" in reviewer_page and "/initiatives/new/" not in reviewer_page
    assert "/decisions/" in home(client, province.leader).content.decode()
    assert "/council/" in home(client, province.council[0]).content.decode()


def test_layout_names_the_user_roles_and_unread_count(province, client, at_state):
    at_state("department_review")  # notifies the reviewer
    page = home(client, province.reviewer).content.decode()
    assert "Phạm Thu Hà" in page
    assert "Sở Khoa học và Công nghệ" in page
    assert 'class="badge rounded-pill text-bg-danger bell-count">1<' in page


def test_english_switch(province, client):
    client.force_login(province.staff)
    response = client.post("/language/", {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert 'lang="en"' in page and "My work" in page
    province.staff.refresh_from_db()
    assert province.staff.language == "en"  # e-mails follow the choice


def test_profile_language_is_used_at_the_next_visit(province, client):
    province.staff.language = "en"
    province.staff.save()
    page = home(client, province.staff).content.decode()
    assert 'lang="en"' in page and "My work" in page


def test_work_list_runs_a_constant_number_of_queries(
    province, client, at_state, django_assert_max_num_queries
):
    for _ in range(3):
        make_draft(province)
        at_state("revision_requested")
    client.force_login(province.staff)
    with django_assert_max_num_queries(14) as few:
        client.get("/")
    for _ in range(12):
        make_draft(province)
        at_state("revision_requested")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_council_and_reviewer_work_lists_run_a_constant_number_of_queries(
    province, client, at_state, django_assert_max_num_queries
):
    """Scoring in progress is counted per row shown, the member's seats per dossier shown."""
    at_state("council_review")
    at_state("department_review")
    users = [province.council[0], province.reviewer]
    counts = {}
    for user in users:
        client.force_login(user)
        with django_assert_max_num_queries(15) as few:  # the page budget (issue 14)
            client.get("/")
        counts[user.pk] = len(few.captured_queries)
    for _ in range(4):
        at_state("council_review")
        at_state("department_review")
    for user in users:
        client.force_login(user)
        with django_assert_max_num_queries(counts[user.pk]):
            page = client.get("/")
        assert page.status_code == 200


def test_long_sections_show_the_most_urgent_and_link_to_the_rest(province, client, monkeypatch):
    import workflow.worklist

    monkeypatch.setattr(workflow.worklist, "SECTION_LIMIT", 2)
    for _ in range(3):
        make_draft(province)
    response = home(client, province.staff)
    drafts = next(s for s in response.context["sections"] if s.key == "drafts")
    assert len(drafts.items) == 2 and drafts.truncated
    assert 'href="/initiatives/?status=draft"' in response.content.decode()

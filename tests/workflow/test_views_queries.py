"""Every list page and the dossier page run a constant number of queries whatever the data size."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Attachment, Author, Participant
from workflow import scoresheets, services

pytestmark = pytest.mark.django_db

# Generous ceilings that document the budget; the real check is "the same with 3 or 30".
MAX_QUERIES = 15


def queries_for(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def assert_constant(client, user, url, grow, django_assert_max_num_queries):
    """Count with the data as it is, grow it tenfold, count again: the same number."""
    small = queries_for(client, user, url)
    grow()
    large = queries_for(client, user, url)
    assert large == small, f"{url}: {small} queries with little data, {large} with more"
    client.force_login(user)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


def many(at_state, state, n):
    return [at_state(state, title=f"Hồ sơ {state} {i}") for i in range(n)]


def test_review_queue(client, province, at_state, django_assert_max_num_queries):
    many(at_state, "department_review", 3)
    many(at_state, "council_review", 2)

    def grow():
        many(at_state, "department_review", 27)
        for initiative in many(at_state, "council_review", 28):
            scoresheets.scoresheet_save(
                initiative_id=initiative.pk, actor=province.council[0], vote="agree",
                submit=True, scores={"novelty": 30, "applicability": 20, "benefit": 20},
            )  # fmt: skip

    url = reverse("workflow:review_queue")
    assert_constant(client, province.reviewer, url, grow, django_assert_max_num_queries)


def test_council_list(client, province, at_state, django_assert_max_num_queries):
    many(at_state, "council_review", 3)
    member = province.council[0]

    def grow():
        for n, initiative in enumerate(many(at_state, "council_review", 27)):
            if n % 3:
                scoresheets.scoresheet_save(
                    initiative_id=initiative.pk, actor=member, vote="agree", submit=n % 3 == 2,
                    scores={"novelty": 30, "applicability": 20, "benefit": 20},
                )  # fmt: skip
        recused = at_state("department_review")
        services.initiative_accept(
            initiative=recused, actor=province.reviewer,
            council=province.seat_all([province.council_stp]),
        )  # fmt: skip

    url = reverse("workflow:council_list")
    assert_constant(client, member, url, grow, django_assert_max_num_queries)


def test_decisions(client, province, at_state, django_assert_max_num_queries):
    for state in ("awaiting_decision", "recognized", "rollout"):
        many(at_state, state, 1)

    def grow():
        for state in ("awaiting_decision", "recognized", "rollout"):
            many(at_state, state, 9)

    url = reverse("workflow:decisions")
    assert_constant(client, province.leader, url, grow, django_assert_max_num_queries)


def _fill(initiative, n, province):
    # Each new author takes 1% (the minimum share) from the first one, so the dossier can
    # still be resubmitted.
    first = initiative.authors.order_by("order", "id").first()
    first.contribution_percent -= Decimal(1) * n
    first.save()
    for i in range(n):
        Author.objects.create(
            initiative=initiative, full_name=f"Tác giả {i}", contribution_percent=Decimal(1),
            birth_date=date(1980, 1, 1), order=10 + i,
        )  # fmt: skip
        Participant.objects.create(initiative=initiative, full_name=f"Người tham gia {i}")
        Attachment.objects.create(
            initiative=initiative, kind="minh_chung" if i % 2 else "mo_ta",
            file=f"attachments/{initiative.pk}/{i}.pdf", original_name=f"tep-{i}.pdf",
            content_type="application/pdf", size=1000 + i,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("state", "viewer"),
    [
        ("department_review", "reviewer"),  # with the completeness checklist
        ("revision_requested", "staff"),
        ("council_review", "council1"),
        ("awaiting_decision", "leader"),  # with the council's result and sheets
    ],
)
def test_dossier_page(
    state, viewer, client, province, at_state, django_assert_max_num_queries, settings
):
    settings.REVISION_REQUESTS_MAX = 10  # a long back-and-forth, to count the page's queries
    initiative = at_state(state)
    _fill(initiative, 3, province)
    user = province.council[0] if viewer == "council1" else getattr(province, viewer)

    def grow():
        _fill(initiative, 27, province)
        # A longer timeline: send it back and forth a few times where the state allows.
        if state == "revision_requested":
            for _ in range(5):
                services.initiative_resubmit(initiative=initiative, actor=province.staff)
                services.initiative_request_revision(
                    initiative=initiative, actor=province.reviewer, comment="Bổ sung thêm.",
                    reply_due=date.today() + timedelta(days=40),
                )  # fmt: skip

    url = reverse("workflow:detail", args=[initiative.pk])
    assert_constant(client, user, url, grow, django_assert_max_num_queries)

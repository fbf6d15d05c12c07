"""The province dashboard at a province's size (issue 14): its figures are kept between two
changes (adoption.dashboard.cached), every change shows on the next request, and the page runs
the same number of queries — within the page budget — with the figures computed or kept,
on a small province or a large one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from adoption.dashboard import figures as f
from adoption.dashboard.cached import figures_changed, province_figures
from adoption.dashboard.views import DashboardView
from adoption.models import Adoption, AdoptionReport
from adoption.services import adoptions_close_open
from agencies.models import Agency
from common import clock
from tests.adoption.test_dashboard import figure, grow, page
from tests.adoption.test_dashboard import figures as figures

URL = reverse("adoption:dashboard")
BUDGET = 15


def queries(client, *, cold: bool) -> int:
    if cold:
        figures_changed()
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context)


def test_the_same_queries_small_or_large_computed_or_kept(client, province, figures):
    client.force_login(province.leader)
    client.get(URL)  # the session's first read
    small = queries(client, cold=True), queries(client, cold=False)
    grow(province)
    assert Adoption.objects.count() > 5000
    large = queries(client, cold=True), queries(client, cold=False)
    assert small == large
    computed, kept = large
    assert computed <= BUDGET
    assert kept <= computed - 5  # kept figures skip the adoption aggregates


def test_a_new_record_shows_on_the_next_request(client, province, figures):
    before = page(client, province.leader, URL)
    taken = Adoption.objects.filter(initiative=figures.i1).values("agency")
    free = Agency.objects.filter(is_active=True).exclude(pk__in=taken).first()
    Adoption.objects.create(initiative=figures.i1, agency=free, source="voluntary")
    after = page(client, province.leader, URL)
    assert int(figure(after, "targeted")) == int(figure(before, "targeted")) + 1
    assert int(figure(after, "voluntary")) == int(figure(before, "voluntary")) + 1


def test_a_status_change_and_a_report_show_on_the_next_request(client, province, figures):
    before = page(client, province.leader, URL)
    record = Adoption.objects.filter(initiative__status="rollout", status="assigned").first()
    record.status = "applied"
    record.save()
    AdoptionReport.objects.create(adoption=record, period="2025", result_summary="Tốt",
                                  cost_saved_vnd=5_000_000)  # fmt: skip
    after = page(client, province.leader, URL)
    assert int(figure(after, "applied")) == int(figure(before, "applied")) + 1
    assert int(figure(after, "status-assigned")) == int(figure(before, "status-assigned")) - 1
    assert after != before


def test_records_closed_by_a_revocation_show_on_the_next_request(client, province, figures):
    """adoptions_close_open updates the records in bulk (no signal): it forgets the figures."""
    before = page(client, province.leader, URL)
    open_ = Adoption.objects.filter(initiative=figures.i2, status__in=("assigned", "in_progress"))
    closing = open_.count()
    assert closing
    adoptions_close_open(initiative=figures.i2, reason="Thu hồi")
    after = page(client, province.leader, URL)
    closed = int(figure(after, "status-not_applicable")) - int(
        figure(before, "status-not_applicable")
    )
    assert closed == closing


def test_the_kept_figures_follow_the_language(province, figures):
    today = clock.today()

    def compute():
        return DashboardView.province_figures(f.Scope(), today)

    with translation.override("vi"):
        vietnamese = province_figures(today, compute)["chart"]["series"]["applied"]
    with translation.override("en"):
        english = province_figures(today, compute)["chart"]["series"]["applied"]
    assert english == "Applied in the month"
    assert vietnamese != english


class Unreachable:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_the_dashboard_and_the_writes_work_while_the_cache_is_down(
    client, province, figures, monkeypatch
):
    from adoption.dashboard import cached

    monkeypatch.setattr(cached, "cache", Unreachable())
    before = page(client, province.leader, URL)
    taken = Adoption.objects.filter(initiative=figures.i1).values("agency")
    free = Agency.objects.filter(is_active=True).exclude(pk__in=taken).first()
    Adoption.objects.create(initiative=figures.i1, agency=free, source="voluntary")  # no error
    after = page(client, province.leader, URL)
    assert int(figure(after, "targeted")) == int(figure(before, "targeted")) + 1


def test_the_stats_api_keeps_its_body_and_shows_a_change_on_the_next_request(
    api, province, figures
):
    """GET /api/v1/stats/adoption/ reads its province-wide body from the cache between two
    changes (fewer queries the second time) and a new record shows at once."""
    client = api(province.leader)
    figures_changed()
    with CaptureQueriesContext(connection) as computed:
        before = client.get("/api/v1/stats/adoption/").json()
    with CaptureQueriesContext(connection) as kept:
        assert client.get("/api/v1/stats/adoption/").json() == before
    assert len(kept) < len(computed)
    taken = Adoption.objects.filter(initiative=figures.i1).values("agency")
    free = Agency.objects.filter(is_active=True).exclude(pk__in=taken).first()
    Adoption.objects.create(initiative=figures.i1, agency=free, source="voluntary")
    after = client.get("/api/v1/stats/adoption/").json()
    assert after != before
    assert after["adoptions"] == before["adoptions"] + 1

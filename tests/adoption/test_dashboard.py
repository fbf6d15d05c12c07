"""Leadership dashboard and GET /api/v1/stats/adoption/: figures against a hand-computed
fixture, who may see them, and a bounded number of queries whatever the data size."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from html import unescape
from itertools import cycle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from adoption.dashboard import expectations
from adoption.dashboard.cached import figures_changed
from adoption.dashboard.figures import OVERDUE_LIMIT
from adoption.dashboard.figures import Scope as DashboardScope
from adoption.models import Adoption, AdoptionReport
from agencies.models import Agency
from initiatives.models import Initiative, Scope
from tests.conftest import make_agency, make_user

pytestmark = pytest.mark.django_db

A = Adoption.Status


# --- The hand-computed fixture ----------------------------------------------------------------
#
# Agencies (Province + four here): departments SKHCN, STP (the submitting agency), SNV; communes
# Phổ Yên, Đại Từ, Sông Công (no parent), Xã A (under a district); an inactive commune and a
# public service unit that no initiative targets.
#
# I1 — provincial scope, in rollout, claimed 20.000.000 ₫:
#   Phổ Yên   mandated  applied 15/01/2025   reports R1 (15 → 5 days, 120, 2.500.000 ₫)
#                                                    R2 (12,5 → 4 days, 80, 1.500.000 ₫)
#   Đại Từ    mandated  in progress, report due 10 days ago        → overdue
#   Sông Công voluntary applied 02/03/2025
#   SKHCN     mandated  not applicable
# I2 — agency scope, in rollout, claimed 5.000.000 ₫:
#   Phổ Yên   mandated  applied 20/03/2025   report R3 (10 → ? days, 40, 1.000.000 ₫)
#   Đại Từ    mandated  assigned, report due 3 days ago            → overdue
#   SNV       voluntary assigned, report due in 5 days
# I3 — closed: two records and a report that no province-wide figure counts.
#
# Province: 7 records, 3 applied → 42,9 %; by status applied 3, in progress 1, assigned 2,
# not applicable 1; mandated 5, voluntary 2; overdue 2 records at 1 agency (Đại Từ).
# By kind: commune 5 targeted / 3 applied (60,0 %), department 2 / 0 (0,0 %).
# By parent: UBND tỉnh 6 / 2 (33,3 %), no parent 1 / 1 (100,0 %).
# Progress: 01/2025 1 (1), 02/2025 0 (1), 03/2025 2 (3).
# Benefits: 3 reports from 2 records, days saved 10 + 8,5 = 18,5 (R3 lacks "after"),
# dossiers 240, cost 5.000.000 ₫ of 25.000.000 ₫ claimed → 20,0 %.
# I1's expectation: comparable = active departments and communes except STP
# = SKHCN, SNV, Phổ Yên, Đại Từ, Sông Công, Xã A = 6; expected ≥ 3; applied 2 → below, 33,3 %.

JAN, MAR = date(2025, 1, 15), date(2025, 3, 2)


@dataclass
class Figures:
    i1: Initiative
    i2: Initiative
    i3: Initiative
    today: date


def _set(initiative, agency, **fields):
    Adoption.objects.filter(initiative=initiative, agency=agency).update(**fields)
    return Adoption.objects.get(initiative=initiative, agency=agency)


def _report(adoption, before, after, dossiers, cost):
    return AdoptionReport.objects.create(
        adoption=adoption,
        period="2025",
        result_summary="Kết quả áp dụng",
        processing_days_before=before,
        processing_days_after=after,
        dossiers_handled=dossiers,
        cost_saved_vnd=cost,
    )


def build_figures(province, at_state) -> Figures:
    p = province
    today = timezone.localdate()
    huyen = make_agency("UBND-HUYEN", "UBND huyện Phú Bình", Agency.Kind.DISTRICT, p.ubnd)
    make_agency("UBND-XA-A", "UBND xã Tân Đức", Agency.Kind.COMMUNE, huyen)
    old = make_agency("UBND-XA-CU", "UBND xã Cũ (đã sáp nhập)", Agency.Kind.COMMUNE, huyen)
    Agency.objects.filter(pk=old.pk).update(is_active=False)
    make_agency("TTPVHCC", "Trung tâm Phục vụ hành chính công", Agency.Kind.PUBLIC_UNIT, p.ubnd)

    i1 = at_state(
        "rollout", title="Một cửa điện tử liên thông cấp xã", benefit_amount_vnd=20_000_000
    )
    i2 = at_state("rollout", title="Số hoá hồ sơ hộ tịch", benefit_amount_vnd=5_000_000)
    i3 = at_state("closed", title="Chữ ký số cho cán bộ một cửa", benefit_amount_vnd=90_000_000)
    Initiative.objects.filter(pk=i2.pk).update(scope=Scope.AGENCY)
    i2.refresh_from_db()

    r1 = _set(i1, p.phoyen, status=A.APPLIED, started_on=JAN, applied_on=JAN)
    _set(i1, p.dailu, status=A.IN_PROGRESS, due_date=today - timedelta(days=10))
    Adoption.objects.create(
        initiative=i1, agency=p.songcong, source="voluntary", status=A.APPLIED, applied_on=MAR
    )
    Adoption.objects.create(
        initiative=i1, agency=p.skhcn, source="mandated", status=A.NOT_APPLICABLE, reason="x"
    )
    r3 = _set(i2, p.phoyen, status=A.APPLIED, applied_on=date(2025, 3, 20))
    _set(i2, p.dailu, due_date=today - timedelta(days=3))
    Adoption.objects.create(
        initiative=i2, agency=p.snv, source="voluntary", due_date=today + timedelta(days=5)
    )
    _report(r1, Decimal("15"), Decimal("5"), 120, 2_500_000)
    _report(r1, Decimal("12.5"), Decimal("4"), 80, 1_500_000)
    _report(r3, Decimal("10"), None, 40, 1_000_000)

    closed = _set(i3, p.phoyen, status=A.APPLIED, applied_on=JAN)
    _set(i3, p.dailu, due_date=today - timedelta(days=30))
    _report(closed, Decimal("30"), Decimal("1"), 999, 99_000_000)
    return Figures(i1, i2, i3, today)


@pytest.fixture
def figures(province, at_state):
    return build_figures(province, at_state)


# --- Reading the page -------------------------------------------------------------------------


def figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{re.escape(name)}"[^>]*>([^<]*)<', html)
    assert match, f"no figure {name!r} on the page"
    return unescape(match[1]).strip()


def figure_link(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{re.escape(name)}" href="([^"]*)"', html)
    assert match, f"figure {name!r} has no link"
    return unescape(match[1])


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def records_on(html: str) -> set[str]:
    return set(re.findall(r'class="record-row" data-adoption="(\d+)"', html))


# --- Figures ----------------------------------------------------------------------------------


def test_province_dashboard_figures(client, province, figures):
    html = page(client, province.leader, reverse("adoption:dashboard"))
    expected = {
        "initiatives_in_rollout": "2",
        "provincial": "1",
        "coverage_percent": "42,9%",
        "applied": "3",
        "targeted": "7",
        "mandated": "5",
        "voluntary": "2",
        "status-assigned": "2",
        "status-in_progress": "1",
        "status-applied": "3",
        "status-not_applicable": "1",
        "overdue": "2",
        "agencies": "5",
        "agencies_applied": "2",
        "expectation_met": "0",
        "expectation_below": "1",
        "kind-commune-targeted": "5",
        "kind-commune-applied": "3",
        "kind-commune-coverage": "60,0%",
        "kind-department-targeted": "2",
        "kind-department-applied": "0",
        "kind-department-coverage": "0,0%",
        "reports": "3",
        "adoptions_reporting": "2",
        "days_saved": "18,5",
        "dossiers": "240",
        "cost_saved_vnd": "5.000.000",
        "claimed_vnd": "25.000.000",
        "cost_vs_claimed_percent": "20,0%",
    }
    assert {name: figure(html, name) for name in expected} == expected
    # Coverage by parent, progress by month (cumulative), the overdue agencies.
    parents = re.findall(
        r'<tr data-parent="(\w+)">.*?<a class="figure" href="[^"]*">(\d+)</a>.*?'
        r'<a class="figure" href="[^"]*">(\d+)</a>.*?([\d,]+)%',
        html,
        re.S,
    )
    assert parents == [
        (str(province.ubnd.pk), "6", "2", "33,3"),
        ("none", "1", "1", "100,0"),
    ]
    months = re.findall(
        r'<tr data-month="([\d-]+)"><th scope="row" class="fw-normal">([\d/]+)</th>'
        r'<td class="text-end">(?:<a class="figure" href="[^"]*">)?(\d+)(?:</a>)?</td>'
        r'<td class="text-end">(\d+)</td>',
        html,
    )
    assert months == [
        ("2025-01", "01/2025", "1", "1"),
        ("2025-02", "02/2025", "0", "1"),
        ("2025-03", "03/2025", "2", "3"),
    ]
    overdue = re.findall(r'<tr class="overdue-row">.*?</tr>', html, re.S)
    assert len(overdue) == 2
    assert "UBND xã Đại Từ" in overdue[0] and ">10<" in overdue[0].replace("</td>", "<")
    assert figures.i1.code in overdue[0] and figures.i2.code in overdue[1]
    # The closed initiative is no column of the matrix.
    assert f'data-initiative="{figures.i3.pk}"' not in html
    assert html.count('class="chart-box') == 1 and 'id="progress-table"' in html


def test_initiative_dashboard_figures(client, province, figures):
    html = page(
        client, province.reviewer, reverse("adoption:dashboard_initiative", args=[figures.i1.pk])
    )
    expected = {
        "coverage_percent": "50,0%",
        "applied": "2",
        "targeted": "4",
        "status-applied": "2",
        "status-in_progress": "1",
        "status-assigned": "0",
        "status-not_applicable": "1",
        "overdue": "1",
        "comparable": "6",
        "expected": "3",
        "expectation_applied": "2",
        "expectation_percent": "33,3%",
        "kind-commune-coverage": "66,7%",
        "reports": "2",
        "days_saved": "18,5",
        "dossiers": "200",
        "cost_saved_vnd": "4.000.000",
        "claimed_vnd": "20.000.000",
        "cost_vs_claimed_percent": "20,0%",
    }
    assert {name: figure(html, name) for name in expected} == expected
    assert "alert-warning" in html  # below the expectation, in words and an icon too
    assert len(records_on(html)) == 4
    # Agency scope: no provincial expectation.
    html = page(
        client, province.leader, reverse("adoption:dashboard_initiative", args=[figures.i2.pk])
    )
    assert 'data-figure="comparable"' not in html
    assert figure(html, "coverage_percent") == "33,3%"


def test_expectation_reached_when_half_the_comparable_agencies_apply(client, province, figures):
    Adoption.objects.filter(initiative=figures.i1, agency=province.dailu).update(
        status=A.APPLIED, applied_on=date(2025, 4, 1)
    )
    (row,) = expectations.figures_for([figures.i1.pk])
    assert row.expectation == {
        "comparable": 6,
        "expected": 3,
        "applied": 3,
        "percent": Decimal("50.0"),
        "met": True,
        "missing": 0,
    }
    assert expectations.expectation_summary(DashboardScope()) == {
        "provincial": 1,
        "met": 1,
        "below": 0,
    }
    listed = page(
        client, province.leader, reverse("adoption:dashboard_initiatives") + "?expectation=met"
    )
    assert re.findall(r'class="initiative-row" data-initiative="(\d+)"', listed) == [
        str(figures.i1.pk)
    ]


def test_every_figure_links_to_its_list(client, province, figures):
    html = page(client, province.leader, reverse("adoption:dashboard"))
    p = province
    ids = lambda *pairs: {  # noqa: E731
        str(Adoption.objects.get(initiative=i, agency=a).pk) for i, a in pairs
    }
    i1, i2 = figures.i1, figures.i2
    cases = {
        "applied": ids((i1, p.phoyen), (i1, p.songcong), (i2, p.phoyen)),
        "targeted": ids(
            (i1, p.phoyen),
            (i1, p.dailu),
            (i1, p.songcong),
            (i1, p.skhcn),
            (i2, p.phoyen),
            (i2, p.dailu),
            (i2, p.snv),
        ),
        "overdue": ids((i1, p.dailu), (i2, p.dailu)),
        "status-not_applicable": ids((i1, p.skhcn)),
        "voluntary": ids((i1, p.songcong), (i2, p.snv)),
        "kind-department-targeted": ids((i1, p.skhcn), (i2, p.snv)),
        "reports": ids((i1, p.phoyen), (i2, p.phoyen)),
    }
    for name, expected in cases.items():
        listed = page(client, province.leader, figure_link(html, name))
        assert records_on(listed) == expected, name
    # The month of the progress table, the parent rows, the initiatives.
    march = page(
        client, p.leader, reverse("adoption:dashboard_list") + "?status=applied&month=2025-03"
    )
    assert records_on(march) == ids((i1, p.songcong), (i2, p.phoyen))
    no_parent = page(client, p.leader, reverse("adoption:dashboard_list") + "?parent=none")
    assert records_on(no_parent) == ids((i1, p.songcong))
    initiatives = page(client, p.leader, figure_link(html, "initiatives_in_rollout"))
    assert re.findall(r'class="initiative-row" data-initiative="(\d+)"', initiatives) == [
        str(i1.pk),
        str(i2.pk),
    ]
    below = page(client, p.leader, figure_link(html, "expectation_below"))
    assert re.findall(r'class="initiative-row" data-initiative="(\d+)"', below) == [str(i1.pk)]


def test_list_of_one_initiative_includes_a_closed_one(client, province, figures):
    url = reverse("adoption:dashboard_list") + f"?initiative={figures.i3.pk}&overdue=1"
    assert records_on(page(client, province.leader, url)) == set()  # closed: nothing overdue
    url = reverse("adoption:dashboard_list") + f"?initiative={figures.i3.pk}"
    assert len(records_on(page(client, province.leader, url))) == 2
    closed = reverse("adoption:dashboard_initiative", args=[figures.i3.pk])
    html = page(client, province.reviewer, closed)
    assert (figure(html, "targeted"), figure(html, "overdue")) == ("2", "0")
    assert figure(html, "cost_saved_vnd") == "99.000.000"


def test_list_ignores_nonsense_filters(client, province, figures):
    url = reverse("adoption:dashboard_list") + "?status=x&kind=y&parent=abc&month=2025-13&page=z"
    html = page(client, province.leader, url)
    assert len(records_on(html)) == 7 and "alert-warning" in html
    client.force_login(province.leader)
    assert client.get(reverse("adoption:dashboard_list") + "?initiative=999999").status_code == 404


def test_matrix_shows_status_in_words_and_icons(client, province, figures):
    html = page(client, province.leader, reverse("adoption:dashboard_matrix"))
    cell = re.search(
        rf'<td data-initiative="{figures.i1.pk}"><a [^>]*agency={province.dailu.pk}"[^>]*>'
        r"(.*?)</a></td>",
        html,
        re.S,
    )
    assert cell, "no cell for Đại Từ × I1"
    assert "bi-arrow-repeat" in cell[1] and "Đang triển khai" in cell[1]
    assert "bi-exclamation-triangle-fill" in cell[1]  # overdue, not only red
    rows = re.findall(r'<th scope="row" class="fw-normal"><a href="[^"]*agency=(\d+)"', html)
    assert len(rows) == 5


def test_empty_province(client, province):
    html = page(client, province.leader, reverse("adoption:dashboard"))
    assert figure(html, "coverage_percent") == "—"
    assert figure(html, "initiatives_in_rollout") == "0"
    assert 'id="progress-chart"' not in html and 'id="progress-table"' in html
    assert api_stats(province) == {
        "initiatives_in_rollout": 0,
        "adoptions": 0,
        "applied": 0,
        "coverage_percent": None,
        "by_status": {"assigned": 0, "in_progress": 0, "applied": 0, "not_applicable": 0},
        "by_agency_kind": [],
        "overdue_count": 0,
        "overdue": [],
        "benefits": {
            "reports": 0,
            "days_saved": 0.0,
            "dossiers": 0,
            "cost_saved_vnd": 0,
            "claimed_vnd": 0,
            "cost_vs_claimed_percent": None,
        },
    }


# --- The API ----------------------------------------------------------------------------------


def api_stats(province, query="", user=None):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user or province.leader)
    response = client.get(f"/api/v1/stats/adoption/{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_api_stats(province, figures):
    p, i1, i2 = province, figures.i1, figures.i2
    body = api_stats(p)
    overdue_ids = [
        Adoption.objects.get(initiative=i1, agency=p.dailu).pk,
        Adoption.objects.get(initiative=i2, agency=p.dailu).pk,
    ]
    assert body == {
        "initiatives_in_rollout": 2,
        "adoptions": 7,
        "applied": 3,
        "coverage_percent": 42.9,
        "by_status": {"assigned": 2, "in_progress": 1, "applied": 3, "not_applicable": 1},
        "by_agency_kind": [
            {
                "kind": "department",
                "label": "Sở, ban, ngành",
                "targeted": 2,
                "applied": 0,
                "coverage_percent": 0.0,
            },
            {
                "kind": "commune",
                "label": body["by_agency_kind"][1]["label"],
                "targeted": 5,
                "applied": 3,
                "coverage_percent": 60.0,
            },
        ],
        "overdue_count": 2,
        "overdue": [
            {
                "adoption": overdue_ids[0],
                "initiative": {"id": i1.pk, "code": i1.code, "title": i1.title},
                "agency": {"id": p.dailu.pk, "code": "UBND-DAITU", "name": "UBND xã Đại Từ"},
                "due_date": (figures.today - timedelta(days=10)).isoformat(),
                "days_overdue": 10,
            },
            {
                "adoption": overdue_ids[1],
                "initiative": {"id": i2.pk, "code": i2.code, "title": i2.title},
                "agency": {"id": p.dailu.pk, "code": "UBND-DAITU", "name": "UBND xã Đại Từ"},
                "due_date": (figures.today - timedelta(days=3)).isoformat(),
                "days_overdue": 3,
            },
        ],
        "benefits": {
            "reports": 3,
            "days_saved": 18.5,
            "dossiers": 240,
            "cost_saved_vnd": 5_000_000,
            "claimed_vnd": 25_000_000,
            "cost_vs_claimed_percent": 20.0,
        },
    }


def test_api_stats_of_one_initiative(province, figures):
    body = api_stats(province, f"?initiative={figures.i1.pk}")
    assert (body["initiatives_in_rollout"], body["adoptions"], body["applied"]) == (1, 4, 2)
    assert body["coverage_percent"] == 50.0
    kinds = [
        (k["kind"], k["targeted"], k["applied"], k["coverage_percent"])
        for k in body["by_agency_kind"]
    ]
    assert kinds == [("department", 1, 0, 0.0), ("commune", 3, 2, 66.7)]
    assert [o["days_overdue"] for o in body["overdue"]] == [10]
    assert body["benefits"]["cost_saved_vnd"] == 4_000_000
    closed = api_stats(province, f"?initiative={figures.i3.pk}", province.reviewer)
    assert (closed["initiatives_in_rollout"], closed["adoptions"], closed["applied"]) == (0, 2, 1)
    assert closed["overdue"] == [] and closed["benefits"]["cost_saved_vnd"] == 99_000_000


def test_api_stats_in_english(province, figures):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(province.reviewer)
    body = client.get("/api/v1/stats/adoption/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["by_agency_kind"][0]["label"] == "Department / agency"


# --- Permissions ------------------------------------------------------------------------------


def test_only_leaders_and_reviewers(client, api, province, figures):
    head = make_user("head_phoyen", "Lưu Văn Phúc", ("agency_head", province.phoyen))
    urls = [
        reverse("adoption:dashboard"),
        reverse("adoption:dashboard_initiative", args=[figures.i1.pk]),
        reverse("adoption:dashboard_initiatives"),
        reverse("adoption:dashboard_matrix"),
        reverse("adoption:dashboard_list"),
    ]
    for user in (province.staff, province.other_staff, province.council[0], head):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        assert api(user).get("/api/v1/stats/adoption/").status_code == 403
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    assert api().get("/api/v1/stats/adoption/").status_code == 401
    for user in (province.leader, province.reviewer):
        client.force_login(user)
        assert all(client.get(url).status_code == 200 for url in urls)
        assert api(user).get("/api/v1/stats/adoption/").status_code == 200


def test_unknown_or_unpublished_initiative(client, api, province, figures, at_state):
    draft = at_state("council_review")
    client.force_login(province.leader)
    for pk in (draft.pk, 999999):
        assert client.get(reverse("adoption:dashboard_initiative", args=[pk])).status_code == 404
        assert (
            api(province.leader).get(f"/api/v1/stats/adoption/?initiative={pk}").status_code == 404
        )
    for bad in ("abc", "0", "-1", str(2**70)):
        response = api(province.leader).get(f"/api/v1/stats/adoption/?initiative={bad}")
        assert response.status_code == 400 and "initiative" in response.json()


# --- Bounded queries --------------------------------------------------------------------------

# Ceilings that document the budget; the real check is "the same with 7 records or 5,000".
MAX_QUERIES = {"page": 15, "api": 12}  # the page budget; the same small or large


def grow(province, n_initiatives=300, today=None):
    """Bulk-create a large province: ~60 more agencies, 300 initiatives in rollout with
    ~17 adoption records each (about 5,000 rows) in every state, and reports."""
    today = today or timezone.localdate()
    districts = Agency.objects.bulk_create(
        Agency(code=f"BK-H{n}", name=f"Huyện {n}", kind=Agency.Kind.DISTRICT, parent=province.ubnd)
        for n in range(5)
    )
    agencies = list(
        Agency.objects.bulk_create(
            Agency(
                code=f"BK-X{n}",
                name=f"Xã {n:03d}",
                kind=Agency.Kind.PUBLIC_UNIT if n % 9 == 0 else Agency.Kind.COMMUNE,
                parent=districts[n % 5],
                is_active=n % 13 != 0,
            )
            for n in range(60)
        )
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            code=f"BK-{n:04d}",
            title=f"Sáng kiến {n}",
            agency=province.stp,
            status="rollout",
            scope=Scope.PROVINCIAL if n % 2 else Scope.AGENCY,
            benefit_amount_vnd=1_000_000 * n,
        )
        for n in range(n_initiatives)
    )
    statuses = cycle([A.ASSIGNED, A.IN_PROGRESS, A.APPLIED, A.APPLIED, A.NOT_APPLICABLE])
    records = []
    for n, initiative in enumerate(initiatives):
        for k in range(17):
            status = next(statuses)
            records.append(
                Adoption(
                    initiative=initiative,
                    agency=agencies[(n + k * 3) % len(agencies)],
                    source="voluntary" if k % 4 == 0 else "mandated",
                    status=status,
                    due_date=today + timedelta(days=(k % 7) * 10 - 30),
                    applied_on=date(2024, 1 + (n + k) % 12, 1 + k) if status == A.APPLIED else None,
                )
            )
    records = Adoption.objects.bulk_create(records, batch_size=1000)
    AdoptionReport.objects.bulk_create(
        (
            AdoptionReport(
                adoption=record,
                period="2024",
                result_summary="Báo cáo",
                processing_days_before=Decimal("10"),
                processing_days_after=Decimal("6.5"),
                dossiers_handled=10,
                cost_saved_vnd=100_000,
            )
            for record in records[::7]
        ),
        batch_size=1000,
    )
    return initiatives


def count_queries(callable_):
    callable_()  # once to warm up (the session's first read)
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context)


def test_pages_and_api_run_the_same_queries_small_or_large(
    client, api, province, figures, django_assert_max_num_queries
):
    client.force_login(province.leader)
    leader_api = api(province.leader)
    checks = {
        "dashboard": (client, reverse("adoption:dashboard"), "page"),
        "initiative": (
            client,
            reverse("adoption:dashboard_initiative", args=[figures.i1.pk]),
            "page",
        ),
        "initiatives": (client, reverse("adoption:dashboard_initiatives"), "page"),
        "matrix": (client, reverse("adoption:dashboard_matrix"), "page"),
        "list": (client, reverse("adoption:dashboard_list") + "?reported=1", "page"),
        "overdue list": (client, reverse("adoption:dashboard_list") + "?overdue=1", "page"),
        "api": (leader_api, "/api/v1/stats/adoption/", "api"),
        "api initiative": (
            leader_api,
            f"/api/v1/stats/adoption/?initiative={figures.i1.pk}",
            "api",
        ),
    }

    def get(who, url):
        response = who.get(url)
        assert response.status_code == 200, url
        return response

    small = {name: count_queries(lambda c=c, u=u: get(c, u)) for name, (c, u, _k) in checks.items()}
    large_initiatives = grow(province)
    # grow() loads in bulk, which sends no signal: as any bulk load must, it tells the kept
    # figures (adoption.dashboard.cached) that they changed.
    figures_changed()
    assert Adoption.objects.count() > 5000
    # A large initiative's dashboard runs as many queries as I1's.
    for name, (c, u, _k) in checks.items():
        large = count_queries(lambda c=c, u=u: get(c, u))
        assert large == small[name], f"{name}: {small[name]} queries small, {large} large"
    big = reverse("adoption:dashboard_initiative", args=[large_initiatives[1].pk])
    assert count_queries(lambda: get(client, big)) == small["initiative"]
    for c, u, kind in checks.values():
        with django_assert_max_num_queries(MAX_QUERIES[kind]):
            get(c, u)
    # The figures still add up on the large data: every record of a rollout initiative counts.
    body = get(leader_api, "/api/v1/stats/adoption/").json()
    assert body["adoptions"] == Adoption.objects.filter(initiative__status="rollout").count()
    assert body["initiatives_in_rollout"] == 302
    assert len(body["overdue"]) == OVERDUE_LIMIT < body["overdue_count"]

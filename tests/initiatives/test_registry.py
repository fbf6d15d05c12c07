"""The public registry of recognized initiatives (page and API): no login, nothing
confidential, search, filters, pagination, and a constant number of queries. What adoption
adds to it (applied counts, the adopt box) is tested in tests/adoption/test_registry_adopt.py."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adoption.models import Adoption
from agencies.models import Agency
from initiatives.models import Author, Initiative
from tests.conftest import make_agency, make_draft
from tests.initiatives.registry_data import (
    API,
    PUBLIC_FILE,
    REGISTRY,
    SECRET,
    SECRET_FILE,
    assert_no_secret,
    attach,
    detail_url,
    make_recognized,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def recognized(at_state, province):
    """A recognized initiative holding every kind of secret the registry must keep."""
    return make_recognized(at_state)


# --- Nothing confidential, for anyone ------------------------------------------------------


def test_registry_page_is_public_and_leaks_nothing(client, recognized):
    response = client.get(REGISTRY)
    assert response.status_code == 200
    html = response.content.decode()
    assert recognized.title in html
    assert recognized.decision_number in html
    assert recognized.decision_date.strftime("%d/%m/%Y") in html
    assert_no_secret(html)


@pytest.mark.parametrize("viewer", [None, "other_staff", "staff", "reviewer"])
def test_registry_detail_leaks_nothing_whoever_looks(viewer, client, province, recognized):
    """Even those who may read the secrets elsewhere do not see them on the public page."""
    if viewer:
        client.force_login(getattr(province, viewer))
    response = client.get(detail_url(recognized))
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_secret(html)
    for shown in (
        recognized.title,
        "Nguyễn Thị Lan",
        "Phòng Hành chính tư pháp",
        "Chuyên viên",
        PUBLIC_FILE,
        recognized.decision_number,
        recognized.decision_date.strftime("%d/%m/%Y"),
        "Người dân phải đi lại nhiều lần",  # the problem solved
        "Có đường truyền Internet",  # the conditions
    ):
        assert shown in html
    assert "Đào Văn Bảy" not in html  # participants are not part of the public page


def test_api_is_public_and_leaks_nothing(api, recognized):
    response = api().get(API)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert_no_secret(response.content.decode())
    item = body["results"][0]
    assert set(item) >= {
        "id",
        "code",
        "title",
        "field",
        "agency",
        "decision_number",
        "decision_date",
        "scope",
        "summary",
        "applied_count",
    }
    assert not {"confidential_info", "authors", "attachments", "participants"} & set(item)
    assert item["agency"] == {"id": recognized.agency_id, "code": "STP", "name": "Sở Tư pháp"}
    assert item["decision_date"] == recognized.decision_date.isoformat()
    assert item["scope"] == "provincial"


def test_api_ignores_credentials(api, recognized):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(API).status_code == 200


def test_only_public_states_are_listed(client, api, at_state, province, recognized):
    hidden = [
        at_state(state, title=f"Hồ sơ chưa công khai {state}")
        for state in ("draft", "department_review", "awaiting_decision", "rejected")
    ]
    rollout = at_state("rollout", title="Sáng kiến đang nhân rộng")
    closed = at_state("closed", title="Sáng kiến đã hoàn tất")
    html = client.get(REGISTRY).content.decode()
    titles = {item["title"] for item in api().get(API).json()["results"]}
    assert titles == {recognized.title, rollout.title, closed.title}
    for initiative in hidden:
        assert initiative.title not in html
        assert client.get(detail_url(initiative)).status_code == 404
    assert client.get(detail_url(closed)).status_code == 200


def test_summary_is_the_start_of_the_description(api, at_state):
    at_state("recognized", description="Mở đầu. " + "Nội dung dài " * 100)
    summary = api().get(API).json()["results"][0]["summary"]
    assert summary.startswith("Mở đầu. Nội dung dài")
    assert len(summary) <= 300


# --- Search and filters ---------------------------------------------------------------------


def test_search_is_diacritics_insensitive(client, api, province):
    wanted = make_draft(province, title="Cải cách thủ tục đăng ký hộ tịch")
    unrelated = make_draft(province, title="Trồng rừng gỗ lớn", description="Lâm nghiệp.")
    Initiative.objects.filter(pk__in=[wanted.pk, unrelated.pk]).update(status="recognized")

    for q in ("cai cach", "CẢI CÁCH", "dang ky ho tich", "đăng ký"):
        found = [i["id"] for i in api().get(API, {"q": q}).json()["results"]]
        assert found == [wanted.pk], q
        page = client.get(REGISTRY, {"q": q})
        assert [i.pk for i in page.context["initiatives"]] == [wanted.pk], q


def test_filters_by_field_and_year(client, api, province):
    a = make_draft(province, title="Sáng kiến A", field_id="chuyen_doi_so")
    b = make_draft(province, title="Sáng kiến B")
    Initiative.objects.filter(pk=a.pk).update(status="recognized", decision_date=date(2024, 5, 2))
    Initiative.objects.filter(pk=b.pk).update(status="rollout", decision_date=date(2025, 6, 1))

    def ids(**params):
        return [i["id"] for i in api().get(API, params).json()["results"]]

    assert ids() == [b.pk, a.pk]  # newest decision first
    assert ids(field="chuyen_doi_so") == [a.pk]
    assert ids(year=2025) == [b.pk]
    assert ids(year=2024, field="chuyen_doi_so") == [a.pk]
    assert api().get(API, {"year": "abc"}).status_code == 400
    page = client.get(REGISTRY, {"year": "2024"})
    assert [i.pk for i in page.context["initiatives"]] == [a.pk]
    assert '<option value="2024" selected>' in page.content.decode()
    # A filter that makes no sense is ignored, not an error.
    assert client.get(REGISTRY, {"year": "abc"}).status_code == 200


def test_the_year_menu_lists_the_years_of_the_provinces_recognitions_only(client, province):
    """One probe per year on PostgreSQL, DISTINCT on SQLite: the same menu — the years with a
    provincial recognition in the registry, newest first; not a year with only a cơ sở
    recognition, a refused dossier or a revoked one."""
    from initiatives.registry import registry_years

    dated = {
        date(2019, 3, 1): dict(status="closed"),
        date(2024, 5, 2): dict(status="recognized"),
        date(2025, 6, 1): dict(status="rollout"),
        date(2022, 1, 10): dict(status="recognized", level="agency"),
        date(2021, 7, 7): dict(status="revoked"),
        date(2020, 2, 2): dict(status="refused"),
    }
    for day, fields in dated.items():
        draft = make_draft(province)
        Initiative.objects.filter(pk=draft.pk).update(decision_date=day, **fields)
    assert registry_years() == [2025, 2024, 2019]
    html = client.get(REGISTRY).content.decode()
    assert '<option value="2019">' in html and '<option value="2022">' not in html


def test_pagination(client, api, province):
    agency = province.stp
    Initiative.objects.bulk_create(
        Initiative(title=f"Sáng kiến {n}", agency=agency, status="recognized", code=f"SK-P-{n}")
        for n in range(25)
    )
    response = client.get(REGISTRY, {"page": 2})
    assert len(response.context["initiatives"]) == 5
    body = api().get(API, {"page_size": 10}).json()
    assert body["count"] == 25 and len(body["results"]) == 10 and body["next"]


# --- Queries do not grow with the registry ---------------------------------------------------


def grow_registry(province, n):
    """n recognized initiatives, each applied by a few agencies, written straight to the table."""
    start = Initiative.objects.count()
    agencies = Agency.objects.bulk_create(
        Agency(code=f"XA-{start}-{i}", name=f"UBND xã {start}-{i}", kind=Agency.Kind.COMMUNE)
        for i in range(3)
    )
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"Sáng kiến cải cách số {start + i}",
            description="Mô tả " * 80,
            agency=province.stp,
            status=("recognized", "rollout", "closed")[i % 3],
            code=f"SK-Q-{start + i}",
            decision_number=f"{start + i}/QĐ-UBND",
            decision_date=date(2025, 1 + i % 12, 1 + i % 28),
            search_text=f"sang kien cai cach so {start + i}",
        )
        for i in range(n)
    )
    Adoption.objects.bulk_create(
        Adoption(initiative=initiative, agency=agency, source="voluntary", status=status)
        for initiative in initiatives
        for agency, status in zip(agencies, ("applied", "applied", "in_progress"), strict=True)
    )
    for initiative in initiatives[:10]:
        Author.objects.bulk_create(
            Author(initiative=initiative, full_name=f"Tác giả {k}", contribution_percent=50)
            for k in range(2)
        )
    return initiatives


def count_queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("url", [REGISTRY, API])
@pytest.mark.parametrize("params", [{}, {"q": "cai cach", "year": "2025"}])
def test_registry_queries_constant(url, params, client, province):
    grow_registry(province, 5)
    small = count_queries(client, url, **params)
    grow_registry(province, 55)
    large = count_queries(client, url, **params)
    assert small == large, f"{url}: {small} queries with 5 initiatives, {large} with 60"
    assert large <= 6


def test_registry_detail_queries_constant(client, province, recognized):
    client.force_login(province.other_staff)
    small = count_queries(client, detail_url(recognized))
    for i in range(20):
        agency = make_agency(f"XA-D-{i}", f"UBND xã D{i}", Agency.Kind.COMMUNE)
        Adoption.objects.create(
            initiative=recognized, agency=agency, source="voluntary", status="applied"
        )
        Author.objects.create(
            initiative=recognized, full_name=f"Tác giả {i}", contribution_percent=0
        )
        attach(recognized, f"tep-{i}.pdf", confidential=i % 2 == 0)
    large = count_queries(client, detail_url(recognized))
    assert small == large


# --- Initiatives' own pages: rollout figures come only from the apps that register them ---------


def test_registry_stands_without_the_parts_other_apps_add(client, monkeypatch, recognized):
    """With no hook registered (as if adoption were not installed) the registry still lists
    and shows the initiative, without applied counts or the adopt box."""
    from common import slots
    from initiatives import registry

    for hooks in ("_list_shapers", "_detail_shapers", "_detail_context"):
        monkeypatch.setattr(registry, hooks, [])
    monkeypatch.setattr(slots, "_slots", {})

    html = client.get(REGISTRY).content.decode()
    assert recognized.title in html and "applied-count" not in html
    html = client.get(detail_url(recognized)).content.decode()
    assert recognized.title in html and PUBLIC_FILE in html
    assert 'id="adopt"' not in html and 'id="adopters"' not in html
    assert_no_secret(html)


# --- In a browser ---------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_registry_in_a_browser(new_page, province, at_state):
    from tests.browser import screenshot

    initiative = at_state("recognized", confidential_info=f"Bí mật {SECRET}")
    attach(initiative, SECRET_FILE, confidential=True)
    attach(initiative, PUBLIC_FILE, confidential=False)
    Adoption.objects.create(
        initiative=initiative, agency=province.dailu, source="mandated", status="applied"
    )
    other = make_draft(province, title="Trồng rừng gỗ lớn", description="Lâm nghiệp.")
    Initiative.objects.filter(pk=other.pk).update(status="rollout")

    visitor = new_page()  # nobody logged in
    visitor.goto(REGISTRY)
    visitor.locator("#id_q").fill("cai cach chung thuc")
    visitor.locator("#registry-filters button[type=submit]").click()
    visitor.wait_for_url("**q=cai+cach+chung+thuc**")
    rows = visitor.locator("#registry tbody tr")
    assert rows.count() == 1
    assert rows.first.locator(".applied-count").inner_text() == "1"
    screenshot(visitor, "90-registry-search")
    rows.first.get_by_role("link").click()
    visitor.wait_for_selector("#adopters")
    html = visitor.content()
    assert_no_secret(html)
    assert "UBND xã Đại Từ" in visitor.locator("#adopters").inner_text()
    assert visitor.locator("#login-to-adopt").is_visible()
    screenshot(visitor, "91-registry-initiative-public")

    agency = new_page(province.other_staff)
    agency.goto(detail_url(initiative))
    agency.locator("#adopt-button").click()
    agency.wait_for_selector(".adopting")
    assert Adoption.objects.filter(agency=province.phoyen, source="voluntary").exists()
    screenshot(agency, "92-registry-adopted")

    drafter = new_page(province.staff)
    drafter.goto(reverse("initiatives:create"))
    drafter.locator("#id_title").fill("cai cach thu tuc chung thuc ban sao dien tu")
    drafter.wait_for_selector("#similar-list")
    assert initiative.title in drafter.locator("#similar-list").inner_text()
    assert other.title not in drafter.locator("#similar-list").inner_text()
    screenshot(drafter, "93-similar-while-drafting")
    assert not (visitor.js_errors or agency.js_errors or drafter.js_errors)

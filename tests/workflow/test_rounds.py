"""Rounds (đợt xét): the service (who, validation), the list API, the rounds screen, and
the submission gate of ROUNDS_MODE = "rounds" (and nothing changes in rolling mode)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from initiatives.models import Field
from tests.conftest import make_draft, today
from tests.unchanged import nothing_changes
from workflow.models import CouncilReview, Round, RoundDossier
from workflow.rounds import round_add_dossiers, round_save
from workflow.services import initiative_submit

pytestmark = pytest.mark.django_db


def data(**overrides):
    start = today()
    values = {"year": start.year, "number": 1, "title": "Đợt I", "opens_on": start,
              "closes_on": start + timedelta(days=30), "council": None,
              "decided_on": None}  # fmt: skip
    values.update(overrides)
    return values


def field(code):
    return Field.objects.get(code=code)


def problems(error):
    return {k: " ".join(v) for k, v in error.value.message_dict.items()}


# --- The service ---------------------------------------------------------------------------------


def test_a_reviewer_creates_and_edits_a_round(province):
    made = round_save(actor=province.reviewer, data=data(), fields=[field("giao_duc")])
    assert made.status == "open"
    assert [f.code for f in made.fields.all()] == ["giao_duc"]
    changed = round_save(actor=province.reviewer, data=data(title="Đợt I (sửa)"), current=made)
    assert changed.pk == made.pk and changed.title == "Đợt I (sửa)"
    assert not changed.fields.exists()  # no field: every field


@pytest.mark.parametrize("who", ["leader", "staff", "head", "council"])
def test_others_do_not_manage_rounds(who, province):
    actor = province.council[0] if who == "council" else getattr(province, who)
    with pytest.raises(PermissionDenied):
        round_save(actor=actor, data=data())
    assert not Round.objects.exists()


def test_closing_before_opening_is_refused(province):
    with pytest.raises(ValidationError) as error:
        round_save(actor=province.reviewer, data=data(closes_on=today() - timedelta(days=1)))
    assert "không thể đóng trước" in problems(error)["closes_on"].lower()


@pytest.mark.parametrize(
    ("overrides", "field_name"),
    [({"year": 99999}, "year"), ({"year": 0}, "year"), ({"number": 0}, "number"),
     ({"number": 40000}, "number"), ({"opens_on": date(1, 1, 1)}, "opens_on"),
     ({"decided_on": 1}, "decided_on"), ({"decided_on": -1}, "decided_on")],
)  # fmt: skip
def test_out_of_range_values_are_refused_in_vietnamese(province, overrides, field_name):
    if "decided_on" in overrides:  # days from today, counted when the test runs
        overrides = {"decided_on": today() + timedelta(days=overrides["decided_on"])}
    with nothing_changes(Round), pytest.raises(ValidationError) as error:
        round_save(actor=province.reviewer, data=data(**overrides))
    assert field_name in problems(error)


def test_a_typed_decision_date_between_opening_and_today_is_kept(province):
    made = round_save(actor=province.reviewer, data=data(
        opens_on=today() - timedelta(days=90), closes_on=today() - timedelta(days=60),
        decided_on=today() - timedelta(days=5)))  # fmt: skip
    assert made.status == "decided"


def test_the_screen_refuses_a_huge_year_and_never_sets_the_decision(province, client):
    client.force_login(province.reviewer)
    start = today()
    values = {"year": 99999, "number": 1, "title": "Đợt I",
              "opens_on": start.strftime("%d/%m/%Y"), "closes_on": start.strftime("%d/%m/%Y"),
              "decided_on": start.strftime("%d/%m/%Y")}  # fmt: skip
    with nothing_changes(Round):
        response = client.post(reverse("workflow:round_create"), values)
    assert response.status_code == 200
    assert (
        "2000" in response.content.decode() and 'name="decided_on"' not in response.content.decode()
    )
    response = client.post(reverse("workflow:round_create"), values | {"year": start.year})
    assert response.status_code == 302
    assert Round.objects.get().decided_on is None  # the decision's date is the decision's own


def test_the_number_is_unique_in_the_year(province):
    round_save(actor=province.reviewer, data=data(), fields=[field("giao_duc")])
    later = today() + timedelta(days=100)
    with pytest.raises(ValidationError) as error:
        round_save(actor=province.reviewer, data=data(opens_on=later, closes_on=later))
    assert "đã có" in problems(error)["number"].lower()
    # Another year may use the number.
    round_save(actor=province.reviewer, data=data(year=today().year + 1, opens_on=later,
                                                  closes_on=later))  # fmt: skip


def test_overlapping_rounds_of_the_same_field_are_refused(province):
    first = round_save(actor=province.reviewer, data=data(), fields=[field("giao_duc")])
    overlap = data(number=2, opens_on=today() + timedelta(days=10))
    with pytest.raises(ValidationError) as error:
        round_save(actor=province.reviewer, data=overlap, fields=[field("giao_duc")])
    assert first.title in problems(error)["opens_on"]
    with pytest.raises(ValidationError):  # a round of every field overlaps every field
        round_save(actor=province.reviewer, data=overlap)
    # Another field at the same time is fine.
    round_save(actor=province.reviewer, data=overlap, fields=[field("cai_cach_hanh_chinh")])


def test_status_follows_the_dates(province):
    start = today()

    def days(n):
        return start + timedelta(days=n)

    save = round_save
    planned = save(actor=province.reviewer, data=data(opens_on=days(5), closes_on=days(9)))
    closed = save(actor=province.reviewer, data=data(number=2, opens_on=days(-20),
                                                     closes_on=days(-10)))  # fmt: skip
    decided = save(actor=province.reviewer, data=data(number=3, opens_on=days(-60),
                   closes_on=days(-50), decided_on=days(-1)))  # fmt: skip
    assert (planned.status, closed.status, decided.status) == ("planned", "closed", "decided")
    assert list(Round.objects.with_status("closed")) == [closed]


# --- The API -------------------------------------------------------------------------------------

URL = "/api/v1/rounds/"


def test_api_lists_rounds_with_filters(province, api, django_assert_max_num_queries):
    start = today()
    council = province.council_body
    first = round_save(actor=province.reviewer, data=data(council=council),
                       fields=[field("giao_duc")])  # fmt: skip
    for n in range(2, 6):
        day = start + timedelta(days=40 * n)
        round_save(actor=province.reviewer, data=data(number=n, opens_on=day, closes_on=day),
                   fields=[field("giao_duc"), field("cai_cach_hanh_chinh")])  # fmt: skip
    client = api(province.staff)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.status_code == 200 and response.data["count"] == 5
    opened = client.get(URL, {"status": "open", "year": start.year}).data["results"]
    assert opened == [{"id": first.pk, "year": start.year, "number": 1, "title": "Đợt I",
                       "fields": ["giao_duc"], "opens_on": start.isoformat(),
                       "closes_on": (start + timedelta(days=30)).isoformat(), "status": "open",
                       "status_label": "Đang mở", "council": council.pk}]  # fmt: skip
    planned = client.get(URL, {"status": "planned"}).data["results"]
    assert len(planned) == 4
    assert client.get(URL, {"status": "maybe"}).status_code == 400
    assert api().get(URL).status_code in (401, 403)


# --- The screen ----------------------------------------------------------------------------------


def test_reviewer_creates_a_round_on_the_screen(province, client):
    client.force_login(province.reviewer)
    start = today()
    response = client.post(reverse("workflow:round_create"), {
        "year": start.year, "number": 1, "title": "Đợt I năm nay",
        "opens_on": start.strftime("%d/%m/%Y"), "closes_on": start.strftime("%d/%m/%Y"),
        "fields": [field("giao_duc").pk]})  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    made = Round.objects.get()
    listing = client.get(reverse("workflow:rounds")).content.decode()
    assert "Đợt I năm nay" in listing and start.strftime("%d/%m/%Y") in listing
    edit = client.post(reverse("workflow:round_edit", args=[made.pk]), {
        "year": start.year, "number": 1, "title": "Đợt I",
        "opens_on": start.strftime("%d/%m/%Y"),
        "closes_on": (start - timedelta(days=1)).strftime("%d/%m/%Y")})  # fmt: skip
    assert edit.status_code == 200
    assert "không thể đóng trước" in edit.content.decode().lower()
    made.refresh_from_db()
    assert made.title == "Đợt I năm nay"


def test_leaders_and_agencies_read_the_list_only(province, client):
    made = round_save(actor=province.reviewer, data=data())
    for user in (province.leader, province.staff):
        client.force_login(user)
        listing = client.get(reverse("workflow:rounds"))
        assert listing.status_code == 200 and "Đợt I" in listing.content.decode()
        assert "round-create" not in listing.content.decode()
        assert client.get(reverse("workflow:round_create")).status_code == 403
        assert client.get(reverse("workflow:round_edit", args=[made.pk])).status_code == 403


def test_the_list_page_has_constant_queries(province, client, django_assert_max_num_queries):
    start = today()
    for n in range(1, 8):
        day = start + timedelta(days=10 * n)
        round_save(actor=province.reviewer, data=data(number=n, opens_on=day, closes_on=day),
                   fields=[field("giao_duc")])  # fmt: skip
    client.force_login(province.reviewer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("workflow:rounds")).status_code == 200


# --- The submission gate -------------------------------------------------------------------------


def test_rolling_mode_takes_dossiers_without_a_round(province):
    initiative = initiative_submit(initiative=make_draft(province), actor=province.staff)
    assert initiative.status == "department_review"
    assert not RoundDossier.objects.exists()


def test_rounds_mode_takes_a_dossier_into_the_open_round(province, settings):
    settings.ROUNDS_MODE = "rounds"
    made = round_save(actor=province.reviewer, data=data(), fields=[field("cai_cach_hanh_chinh")])
    initiative = initiative_submit(initiative=make_draft(province), actor=province.staff)
    assert initiative.status == "department_review"
    assert RoundDossier.objects.get(initiative=initiative).round == made


def test_rounds_mode_outside_a_round_names_the_next_one(province, settings, api):
    settings.ROUNDS_MODE = "rounds"
    start = today()
    round_save(actor=province.reviewer, data=data(), fields=[field("giao_duc")])  # other field
    later = start + timedelta(days=45)
    round_save(actor=province.reviewer, data=data(number=2, title="Đợt II", opens_on=later,
               closes_on=later + timedelta(days=20)))  # fmt: skip
    initiative = make_draft(province)
    response = api(province.staff).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/submit/", {}, format="json"
    )
    assert response.status_code == 400
    message = " ".join(map(str, response.data["round"]))
    assert "Đợt II" in message and later.strftime("%d/%m/%Y") in message
    initiative.refresh_from_db()
    assert initiative.status == "draft" and initiative.code is None
    assert not RoundDossier.objects.exists()


def test_rounds_mode_with_no_round_planned(province, settings, client):
    settings.ROUNDS_MODE = "rounds"
    initiative = make_draft(province)
    client.force_login(province.staff)
    response = client.post(
        reverse("workflow:transition", args=[initiative.pk, "submit"]),
        {"declaration": "on", "declaration_public_order": "on", "declaration_no_ip": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "chưa có đợt nào được lên kế hoạch" in response.content.decode().lower()
    initiative.refresh_from_db()
    assert initiative.status == "draft"


# --- The round page ------------------------------------------------------------------------------


@pytest.fixture
def full_round(province, at_state):
    start = today()
    made = round_save(actor=province.reviewer, data=data(opens_on=start - timedelta(days=60)))
    high, low = at_state("awaiting_decision"), at_state("awaiting_decision")
    waiting = at_state("department_review")
    CouncilReview.objects.filter(initiative=high).update(total=Decimal("82.5"), recommended=True)
    CouncilReview.objects.filter(initiative=low).update(total=Decimal("41"), recommended=False)
    for initiative in (low, high, waiting):
        RoundDossier.objects.create(round=made, initiative=initiative)
    return made, high, low, waiting


def test_the_round_page_ranks_results_and_lists_the_recommended(
    province, client, full_round, django_assert_max_num_queries
):
    made, high, low, waiting = full_round
    client.force_login(province.leader)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("workflow:round", args=[made.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 hồ sơ" in html
    results = html[html.index('id="round-results"') :]
    assert results.index(high.code) < results.index(low.code)  # highest mean total first
    recommended = html[html.index('id="round-recommended"') :]
    assert high.code in recommended.split("</ol>")[0]
    assert low.code not in recommended.split("</ol>")[0]
    assert waiting.code in html  # listed under its state
    assert "Chờ UBND tỉnh quyết định" in html


def test_the_round_page_shows_the_deadlines_in_the_order_of_the_procedure(
    province, client, full_round
):
    made, high, low, waiting = full_round
    client.force_login(province.reviewer)
    html = client.get(reverse("workflow:round", args=[made.pk])).content.decode()
    # The Department's review comes before the decision, as in the procedure.
    assert html.index("Sở KH&amp;CN xem xét đơn") < html.index("Chờ UBND tỉnh quyết định")
    for initiative in (high, low, waiting):
        initiative.refresh_from_db()
    due = html[html.index(waiting.code) :].split("</li>")[0]
    assert f"hạn {waiting.review_due:%d/%m/%Y}" in due
    first = min(high.decision_due, low.decision_due)
    facts = html[html.index('id="round-first-decision-due"') :].split("</dd>")[0]
    assert f"{first:%d/%m/%Y}" in facts and "Điều 7 NĐ 13/2012" in facts


def test_the_round_page_query_count_does_not_grow(
    province, client, full_round, at_state, django_assert_max_num_queries
):
    made = full_round[0]
    for _ in range(3):
        RoundDossier.objects.create(round=made, initiative=at_state("awaiting_decision"))
    client.force_login(province.reviewer)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("workflow:round", args=[made.pk])).status_code == 200


@pytest.mark.parametrize("who", ["staff", "head", "council"])
def test_agencies_and_council_members_do_not_open_the_round_page(who, province, client):
    made = round_save(actor=province.reviewer, data=data())
    client.force_login(province.council[0] if who == "council" else getattr(province, who))
    assert client.get(reverse("workflow:round", args=[made.pk])).status_code == 403


def test_an_unknown_round_is_404(province, client):
    client.force_login(province.reviewer)
    assert client.get(reverse("workflow:round", args=[999])).status_code == 404


def test_the_office_adds_dossiers_taken_outside_a_round(province, at_state, draft):
    made = round_save(actor=province.reviewer, data=data())
    submitted = at_state("department_review")
    with pytest.raises(PermissionDenied):
        round_add_dossiers(actor=province.leader, intake=made, initiatives=[submitted])
    added = round_add_dossiers(actor=province.reviewer, intake=made, initiatives=[submitted, draft])
    assert added == 1  # a draft is not taken into a round
    assert list(made.entries.values_list("initiative", flat=True)) == [submitted.pk]
    assert round_add_dossiers(actor=province.reviewer, intake=made, initiatives=[submitted]) == 0


def test_a_number_taken_meanwhile_is_a_validation_error(province, monkeypatch):
    from workflow import rounds

    round_save(actor=province.reviewer, data=data())
    # As if a concurrent save had taken the number after this one was checked.
    monkeypatch.setattr(rounds, "round_problems", lambda *args, **kwargs: {})
    later = today() + timedelta(days=100)
    with pytest.raises(ValidationError) as error:
        round_save(actor=province.reviewer, data=data(opens_on=later, closes_on=later))
    assert "đã có" in problems(error)["number"].lower()
    assert Round.objects.count() == 1

"""The secret ballot is secret (issue 10 §4, DESIGN §6: "under a secret ballot nobody, ever,
sees who voted how — only the tally").

A council that votes by secret ballot scores a dossier twice (the first round is sent back,
so an earlier round exists too); member X votes "disagree" both times, everyone else agrees,
and the outside expert's paper sheet is entered by the secretary. Then everything a reviewer,
the leader, the agency, X, another member, the secretary and the superuser can reach for this
dossier is fetched — pages, API answers, Excel exports, every admin list and change page of
the workflow — and searched:

* no element that names a member (a table row, a list item, a paragraph, a form row) holds a
  vote, and no JSON object or spreadsheet row does;
* beneath that, the database itself holds no vote value anywhere: the only vote information
  is the anonymous tally.

The open-vote counterpart shows that the same search finds a vote shown by name, so the
search is not blind."""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from exports import registry
from tests.conftest import today
from tests.workflow.council_fixtures import GOOD, make_council, seat_on, seats, secretary
from workflow import scoresheets, services
from workflow.models import CouncilReview, ScoreSheet, Vote

pytestmark = pytest.mark.django_db

# What a vote looks like on a page or in a file, in both languages, and its icons.
VOTE_MARKS = ("Đồng ý đề nghị công nhận", "Không đồng ý", "Agree to recommend", "Disagree",
              "bi-hand-thumbs-down", "bi-hand-thumbs-up")  # fmt: skip
VOTE_VALUES = set(Vote.values)
RECORD_TAGS = {"tr", "li", "p", "dd", "fieldset", "table", "td", "th"}


class Elements(HTMLParser):
    """The text (with class attributes) of every record-like element, nested ones included."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.records = [], []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag in RECORD_TAGS or (tag == "div" and "form-row" in classes):
            self.open.append([tag, classes])
        for record in self.open:
            record.append(classes)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag or (tag == "div" and self.open[index][0] == "div"):
                self.records.append(" ".join(self.open.pop(index)[1:]))
                break

    def handle_data(self, data):
        for record in self.open:
            record.append(data)


def records_of(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    return parser.records + [" ".join(r[1:]) for r in parser.open]


def html_links(html: str, names) -> list[str]:
    """Elements that name a member and show a vote."""
    return [
        record[:200]
        for record in records_of(html)
        if any(name in record for name in names) and any(mark in record for mark in VOTE_MARKS)
    ]


def json_links(value, names, path="$") -> list[str]:
    """JSON objects that name a member and hold a vote (or any vote value at all)."""
    found = []
    if isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
        if any(name in text for name in names) and any(
            v in VOTE_VALUES for v in value.values() if isinstance(v, str)
        ):
            found.append(path)
        for key, inner in value.items():
            found += json_links(inner, names, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += json_links(inner, names, f"{path}[{index}]")
    elif isinstance(value, str) and value in VOTE_VALUES:
        found.append(f"{path} = {value!r}")
    return found


def workbook_links(data: bytes, names) -> list[str]:
    found = []
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        for row in sheet.iter_rows(values_only=True):
            text = " ".join(str(v) for v in row if v is not None)
            if any(n in text for n in names) and any(m in text for m in VOTE_MARKS):
                found.append(text[:200])
            if any(str(v) in VOTE_VALUES for v in row if v is not None):
                found.append(text[:200])
    return found


# --- The dossier -------------------------------------------------------------------------------


# X scores the dossier far below everyone else and says why: with a 5-1 tally, these scores or
# this comment next to X's name would tell X's vote.
LOW = {"novelty": "4.25", "applicability": "3.75", "benefit": "2.5"}
TELLING = "Giải pháp trùng với sáng kiến đã công nhận năm 2024, đề nghị không công nhận."
TELLS = (TELLING, "4,25", "3,75", "4.25", "3.75")


def vote_round(initiative, council, x_seat, members):
    for number, seat in enumerate(members):
        scores = {"novelty": 30 + number, "applicability": 22, "benefit": 26 - number}
        if seat.user is None:
            scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=secretary(council),
                                        seat=seat.pk, scores=scores, vote="agree", submit=True,
                                        comment="Phiếu giấy của chuyên gia.")  # fmt: skip
            continue
        x = seat == x_seat
        scoresheets.scoresheet_save(
            initiative_id=initiative.pk, actor=seat.user, scores=LOW if x else scores,
            submit=True, vote="disagree" if x else "agree",
            comment=TELLING if x else f"Đạt yêu cầu ({number}).",
        )  # fmt: skip


@pytest.fixture
def scored_dossier(at_state, province):
    """(initiative, council, X's seat, seats): two rounds, X disagrees in both, completed."""

    def build(voting):
        from workflow.scenarios import STEPS

        initiative = at_state("council_review")
        council = make_council(province, 5, experts=1, voting=voting)
        members = seats(council)
        x_seat = members[1]
        seat_on(initiative, council)
        vote_round(initiative, council, x_seat, members)
        services.initiative_request_revision(
            initiative=initiative, actor=province.reviewer, comment="Bổ sung minh chứng."
        )
        services.initiative_resubmit(initiative=initiative, actor=province.staff)
        STEPS["accept"](initiative, province.cast(), today())
        seat_on(initiative, council)
        vote_round(initiative, council, x_seat, members)
        services.initiative_complete_scoring(
            initiative=initiative, actor=secretary(council), meeting_date=today(),
            present=[s.pk for s in members],
        )  # fmt: skip
        initiative.refresh_from_db()
        return initiative, council, x_seat, members

    return build


def holds_a_vote(value) -> bool:
    if isinstance(value, str):
        return value in VOTE_VALUES
    return bool(value) and re.search(r'"(agree|disagree)"', json.dumps(value)) is not None


def names_of(seat) -> list[str]:
    return [seat.full_name, seat.user.username]


# --- Everything each person can reach ------------------------------------------------------


def pages_for(initiative, council, members):
    pk = initiative.pk
    pages = [
        reverse("workflow:detail", args=[pk]),
        reverse("workflow:decisions"),
        reverse("workflow:review_queue"),
        reverse("workflow:council_list"),
        reverse("home"),
        reverse("initiatives:list"),
        reverse("notifications:inbox"),
        reverse("workflow:scoresheet", args=[pk]),
        reverse("workflow:paper_scoresheet", args=[pk, members[5].pk]),
        reverse("workflow:transition", args=[pk, "recognize"]),
        reverse("workflow:transition", args=[pk, "decline"]),
    ]
    api = [
        f"/api/v1/initiatives/{pk}/",
        f"/api/v1/initiatives/{pk}/history/",
        f"/api/v1/initiatives/{pk}/scoresheet/",
        f"/api/v1/initiatives/{pk}/scoresheet/?seat={members[5].pk}",
        "/api/v1/initiatives/",
        "/api/v1/notifications/",
    ]
    return pages, api


def admin_pages() -> list[str]:
    """Every list and change page of the workflow's and the dossiers' admin."""
    urls = []
    for model, _model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("workflow", "initiatives", "notifications"):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        try:
            urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        except NoReverseMatch:
            continue
        for pk in model._default_manager.values_list("pk", flat=True)[:50]:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[pk]))
    return urls


def exported(user) -> list[bytes]:
    from common.xlsx import Progress

    files = []
    for kind in ("council_results", "initiatives"):
        builder = registry.builder(kind)
        if builder.allowed(user):
            workbook = builder.build(user, {}, lambda total: Progress(total))
            buffer = io.BytesIO()
            workbook.save(buffer)
            files.append(buffer.getvalue())
    return files


def everything_reached(client, api, people, initiative, council, members) -> dict:
    """{(who, what): body} for every page, API answer and export each person can reach."""
    pages, api_urls = pages_for(initiative, council, members)
    reached = {}
    for who, user in people.items():
        client.force_login(user)
        for url in pages + (admin_pages() if user.is_superuser else []):
            response = client.get(url)
            assert response.status_code < 500, (who, url)
            if response.status_code == 200:
                reached[(who, url)] = ("html", response.content.decode())
        for url in api_urls:
            response = api(user).get(url)
            assert response.status_code < 500, (who, url)
            if response.status_code == 200:
                reached[(who, url)] = ("json", response.json())
        for number, data in enumerate(exported(user)):
            reached[(who, f"export {number}")] = ("xlsx", data)
    return reached


def told_by(reached, names) -> list[str]:
    """Where X's name stands with X's scores or comment: an element of a page, a JSON object,
    a spreadsheet row, or a whole admin change page (its fields are separate rows). X's own
    score sheet, seen by X, is left out."""
    found = []
    for (who, what), (kind, body) in reached.items():
        if who == "x" and "scoresheet" in what:
            continue
        if kind == "html":
            records = records_of(body) + ([body] if what.endswith("/change/") else [])
        elif kind == "json":
            records = list(json_records(body))
        else:
            records = [" ".join(str(v) for v in row if v is not None)
                       for sheet in load_workbook(io.BytesIO(body)).worksheets
                       for row in sheet.iter_rows(values_only=True)]  # fmt: skip
        found += [f"{who} {what}: {r[:200]}" for r in records
                  if any(n in r for n in names) and any(t in r for t in TELLS)]  # fmt: skip
    return found


def json_records(value):
    if isinstance(value, dict):
        yield json.dumps(value, ensure_ascii=False)
        for inner in value.values():
            yield from json_records(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from json_records(inner)


def links_in(reached, names) -> list[str]:
    found = []
    for (who, what), (kind, body) in reached.items():
        if kind == "html":
            found += [f"{who} {what}: {r}" for r in html_links(body, names)]
        elif kind == "json":
            found += [f"{who} {what}: {p}" for p in json_links(body, names)]
        else:
            found += [f"{who} {what}: {r}" for r in workbook_links(body, names)]
    return found


@pytest.fixture
def people(province, django_user_model):
    def build(council, x_seat, members):
        superuser = django_user_model.objects.create_superuser(
            "root", "root@example.vn", "pw-for-tests-123"
        )
        return {"reviewer": province.reviewer, "leader": province.leader,
                "staff": province.staff, "head": province.head, "x": x_seat.user,
                "member": members[0].user, "secretary": secretary(council),
                "superuser": superuser}  # fmt: skip

    return build


# --- The proof ---------------------------------------------------------------------------------


def test_no_page_api_export_or_admin_screen_links_a_member_to_their_vote(
    scored_dossier, people, client, api
):
    initiative, council, x_seat, members = scored_dossier("secret")
    review = CouncilReview.objects.get(initiative=initiative)
    assert (review.agree_count, review.disagree_count) == (5, 1)  # the tally, and only it
    everyone = people(council, x_seat, members)
    reached = everything_reached(client, api, everyone, initiative, council, members)
    assert len(reached) > 60  # the search did reach pages, answers, files and the admin
    assert any("admin/workflow/scoresheet/" in what for _who, what in reached)
    assert any(what.startswith("export") for _who, what in reached)
    member_names = [n for seat in members if seat.user for n in names_of(seat)]
    member_names += [members[5].full_name]
    assert links_in(reached, member_names) == []
    # Nor does anything put X's name next to X's low scores or telling comment, though the
    # sheets themselves are shown, unnamed, to those inside the review.
    assert told_by(reached, names_of(x_seat)) == []
    detail = reached[("leader", reverse("workflow:detail", args=[initiative.pk]))][1]
    assert TELLING in detail and "4,25" in detail and "Phiếu 1" in detail
    # The tally is there for those inside the review.
    detail = reached[("leader", reverse("workflow:detail", args=[initiative.pk]))][1]
    assert "5/6 thành viên đồng ý" in detail
    results = load_workbook(io.BytesIO(reached[("leader", "export 0")][1])).worksheets[0]
    row = list(next(results.iter_rows(min_row=2, values_only=True)))
    assert "5/6 thành viên đồng ý (tính trên số thành viên theo quyết định)" in row
    assert (row[8], row[9], row[10]) == (5, 1, 0)  # agree, disagree, absent or not voting


def test_the_database_holds_no_vote_at_all_only_the_tally(scored_dossier):
    _initiative, _council, _x_seat, _members = scored_dossier("secret")
    held = []
    text = ("CharField", "TextField", "JSONField")
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if f.get_internal_type() in text]
        for row in model._default_manager.values(*fields) if fields else []:
            held += [f"{model._meta.label}.{key} = {value!r}" for key, value in row.items()
                     if holds_a_vote(value)]  # fmt: skip
    assert held == []
    assert ScoreSheet.objects.filter(has_voted=True).count() == 6  # everyone voted once


def test_under_an_open_vote_the_votes_are_shown_by_name_after_completion(
    scored_dossier, people, client, api
):
    initiative, council, x_seat, members = scored_dossier("open")
    client.force_login(people(council, x_seat, members)["leader"])
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    links = html_links(html, names_of(x_seat))
    assert links and any("Không đồng ý" in link for link in links)  # X's row shows the vote
    agreeing = html_links(html, names_of(members[0]))
    assert agreeing and all("Không đồng ý" not in link for link in agreeing)


def test_before_completion_the_urn_is_shown_nowhere(at_state, province, client, api,
                                                    django_user_model):  # fmt: skip
    """Watching the counters between two submissions would tell a vote: until the meeting is
    recorded, no page, answer or admin screen shows them, not even the result preview."""
    initiative = at_state("council_review")
    council = make_council(province, 3, voting="secret")
    seat_on(initiative, council)
    x_seat = seats(council)[0]
    scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=x_seat.user, scores=GOOD,
                                vote="disagree", submit=True)  # fmt: skip
    assert CouncilReview.objects.get(initiative=initiative).ballots_disagree == 1
    superuser = django_user_model.objects.create_superuser("root", "r@example.vn", "pw-123-x")
    urn_words = ("ballots_disagree", "ballots_agree", "số phiếu kín", "0/", "1/", "Không đồng ý")
    client.force_login(province.reviewer)
    preview = client.get(reverse("workflow:transition", args=[initiative.pk, "complete_scoring"]))
    html = preview.content.decode()
    section = html[html.index('id="recommendation-preview"') :]
    section = section[: section.index("</section>")]
    assert "bi-incognito" in section and not any(w in section for w in urn_words)
    client.force_login(superuser)
    review = CouncilReview.objects.get(initiative=initiative)
    for url in (reverse("admin:workflow_councilreview_change", args=[review.pk]),
                reverse("admin:workflow_councilreview_changelist")):  # fmt: skip
        page = client.get(url).content.decode()
        assert "ballots_disagree" not in page and "số phiếu kín" not in page
    detail = api(province.reviewer).get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert detail["score_summary"] is None


# --- The admin's URL parameters cannot read the urn ------------------------------------------


URN_FIELDS = ("ballots_agree", "ballots_disagree")


def listed(client, url) -> tuple[int, str]:
    """The status and the rows of an admin list (a refused lookup redirects with ?e=1 or
    answers 400: nothing is listed)."""
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code, ""
    html = response.content.decode()
    start = html.find('id="result_list"')
    return 200, html[start : html.find("</table>", start)] if start >= 0 else ""


@pytest.fixture
def half_voted(at_state, province, django_user_model):
    """A secret council's dossier after one member's "disagree" (the urn holds 1), with an
    earlier round holding the same, and a superuser."""
    from workflow.council_rounds import council_round_close

    def vote_once(initiative, council):
        seat_on(initiative, council)
        scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=seats(council)[0].user,
                                    scores=GOOD, vote="disagree", submit=True)  # fmt: skip

    initiative = at_state("council_review")
    council = make_council(province, 3, voting="secret")
    vote_once(initiative, council)
    council_round_close(initiative=initiative)
    vote_once(initiative, council)
    assert CouncilReview.objects.get(initiative=initiative).ballots_disagree == 1
    superuser = django_user_model.objects.create_superuser("root", "r@example.vn", "pw-123-x")
    return initiative, superuser


@pytest.mark.parametrize("model", ["councilreview", "earliercouncilround"])
@pytest.mark.parametrize(
    "query",
    ["{f}=1", "{f}=0", "{f}__gte=1", "{f}__lt=1", "{f}__in=1,2", "{f}__exact=1", "{f}__isnull=0",
     "initiative__council_review__{f}=1", "initiative__earlier_council_rounds__{f}=1"],
)  # fmt: skip
def test_the_admin_refuses_any_filter_on_the_urn(half_voted, client, model, query):
    _initiative, superuser = half_voted
    client.force_login(superuser)
    base = reverse(f"admin:workflow_{model}_changelist")
    assert listed(client, base)[1].count("<tr") > 1  # the dossier is listed without a filter
    for field in URN_FIELDS:
        status, rows = listed(client, f"{base}?{query.format(f=field)}")
        assert status in (302, 400) and rows == "", (field, status)


@pytest.mark.parametrize(
    "url",
    ["admin:initiatives_initiative_changelist", "admin:workflow_council_changelist",
     "admin:workflow_scoresheet_changelist", "admin:workflow_councilassignment_changelist"],
)  # fmt: skip
def test_related_admins_refuse_a_filter_through_to_the_urn(half_voted, client, url):
    _initiative, superuser = half_voted
    client.force_login(superuser)
    paths = {
        "admin:initiatives_initiative_changelist": "council_review__{f}",
        "admin:workflow_council_changelist": "reviews__{f}",
        "admin:workflow_scoresheet_changelist": "assignment__initiative__council_review__{f}",
        "admin:workflow_councilassignment_changelist": "initiative__council_review__{f}",
    }
    for field in URN_FIELDS:
        for value in ("0", "1"):
            lookup = paths[url].format(f=field)
            status, rows = listed(client, f"{reverse(url)}?{lookup}={value}")
            assert status in (302, 400) and rows == "", (lookup, value, status)


@pytest.mark.parametrize("model", ["councilreview", "earliercouncilround"])
def test_no_sorting_or_search_of_the_admin_reads_the_urn(half_voted, client, model):
    """`?o=` sorts only by the listed columns, by their index; whatever index is given, the
    list is the same one row (and the search looks at codes and titles only)."""
    initiative, superuser = half_voted
    client.force_login(superuser)
    base = reverse(f"admin:workflow_{model}_changelist")
    plain = listed(client, base)[1]
    for order in ("0", "-1", "5", "-9", "20", "ballots_disagree", "1.2.3.4.5.6.7.8.9"):
        status, rows = listed(client, f"{base}?o={order}")
        assert status in (200, 302)
        assert rows.count("<tr") in (0, plain.count("<tr"))
    for term in ("1", "0", "ballots_disagree=1"):
        assert listed(client, f"{base}?q={term}")[1].count(initiative.code or "—") <= 1


def test_no_admin_names_the_urn_or_a_vote_in_a_list_filter_search_or_sort():
    """Every registered admin: the urn is in none of its columns, filters, searches, sorts or
    date hierarchies, and the admins of the rounds refuse a lookup on it."""
    from workflow.council_admin import UrnHiddenAdminMixin

    offending = []
    for model, model_admin in admin.site._registry.items():
        names = [*model_admin.list_display, *model_admin.search_fields,
                 *(model_admin.ordering or ()), *(model_admin.sortable_by or ()),
                 model_admin.date_hierarchy or ""]  # fmt: skip
        names += [f if isinstance(f, str) else f[0] if isinstance(f, tuple) else ""
                  for f in model_admin.list_filter]  # fmt: skip
        offending += [f"{model.__name__}: {n}" for n in names if any(u in n for u in URN_FIELDS)]
        fields = {f.name for f in model._meta.get_fields()}
        if fields & set(URN_FIELDS):
            assert isinstance(model_admin, UrnHiddenAdminMixin), model.__name__
            assert not model_admin.lookup_allowed("ballots_disagree", "1", None)
            assert not model_admin.lookup_allowed("ballots_agree__gte", "1", None)
    assert offending == []


# --- The voting mode is the round's ------------------------------------------------------------


def switch(council, voting):
    """The council changes its voting mode after the round (straight in the database: the
    council screen refuses it while a dossier is being assessed)."""
    type(council).objects.filter(pk=council.pk).update(voting=voting)


def test_a_secret_round_stays_secret_when_its_council_later_votes_openly(
    scored_dossier, people, client, api
):
    initiative, council, x_seat, members = scored_dossier("secret")
    assert CouncilReview.objects.get(initiative=initiative).voting == "secret"
    switch(council, "open")
    everyone = people(council, x_seat, members)
    client.force_login(everyone["leader"])
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    assert html.count("secret-ballot-note") == 2  # this round and the earlier one
    assert 'id="score-tally"' in html and "bi-incognito" in html
    summary = api(everyone["leader"]).get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert summary["score_summary"]["voting"] == "secret"
    results = load_workbook(io.BytesIO(exported(everyone["leader"])[0])).worksheets[0]
    row = list(next(results.iter_rows(min_row=2, values_only=True)))
    assert row[4] == "Bỏ phiếu kín"


def test_an_open_round_stays_open_when_its_council_later_votes_by_secret_ballot(
    scored_dossier, people, client, api
):
    initiative, council, x_seat, members = scored_dossier("open")
    switch(council, "secret")
    leader = people(council, x_seat, members)["leader"]
    client.force_login(leader)
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    links = html_links(html, names_of(x_seat))
    assert len([link for link in links if "Không đồng ý" in link]) == 2  # both rounds, by name
    assert "secret-ballot-note" not in html
    summary = api(leader).get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert summary["score_summary"]["voting"] == "open"


def test_a_round_votes_as_it_started_even_if_the_council_switches_meanwhile(at_state, province):
    """The round started open: a sheet submitted after the council turned secret keeps its
    vote with the sheet (as every other sheet of the round), and the reverse."""
    for started, switched in (("open", "secret"), ("secret", "open")):
        initiative = at_state("council_review")
        council = make_council(province, 3, voting=started)
        seat_on(initiative, council)
        switch(council, switched)
        scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=seats(council)[0].user,
                                    scores=GOOD, vote="disagree", submit=True)  # fmt: skip
        sheet = ScoreSheet.objects.get(assignment__initiative=initiative, has_voted=True)
        assert sheet.vote == ("disagree" if started == "open" else "")


def test_the_migration_gives_each_round_its_councils_mode(scored_dossier):
    from importlib import import_module

    from workflow.models import EarlierCouncilRound

    backfill = import_module("workflow.migrations.0016_round_voting").backfill
    initiative, council, _x, _members = scored_dossier("secret")
    CouncilReview.objects.update(voting="open")
    EarlierCouncilRound.objects.update(voting="open")
    backfill(apps, None)
    assert CouncilReview.objects.get(initiative=initiative).voting == "secret"
    assert set(EarlierCouncilRound.objects.values_list("voting", flat=True)) == {"secret"}
    switch(council, "open")  # an earlier round whose urn holds ballots was secret whatever
    EarlierCouncilRound.objects.update(voting="open")
    backfill(apps, None)
    assert set(EarlierCouncilRound.objects.values_list("voting", flat=True)) == {"secret"}


# --- The score table of a secret round: unnamed sheets ----------------------------------------


def table_html(html: str, start_marker: str) -> str:
    start = html.index(start_marker)
    return html[start : html.index("</table>", start)]


def test_a_secret_rounds_sheets_are_unnamed_sorted_by_total_and_only_the_missing_named(
    at_state, province, client
):
    initiative = at_state("council_review")
    council = make_council(province, 3, voting="secret")
    seat_on(initiative, council)
    first, second, third = seats(council)
    for seat, scores, vote, comment in ((first, GOOD, "agree", "Đạt yêu cầu."),
                                        (second, LOW, "disagree", TELLING)):  # fmt: skip
        scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=seat.user, scores=scores,
                                    vote=vote, comment=comment, submit=True)  # fmt: skip
    # While the council scores, the reviewer sees who has submitted, not the sheets (a table
    # growing one sheet at a time would tell whose each one is).
    client.force_login(province.reviewer)
    page = client.get(reverse("workflow:transition", args=[initiative.pk, "complete_scoring"]))
    html = page.content.decode()
    assert TELLING not in html and "4,25" not in html
    status = html[html.index('id="sheet-status"') :]
    assert all(seat.full_name in status[: status.index("</ul>")] for seat in (first, second, third))
    services.initiative_request_revision(
        initiative=initiative, actor=province.reviewer, comment="Bổ sung minh chứng."
    )
    client.force_login(province.leader)
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    table = table_html(html, 'id="earlier-rounds"')
    assert not any(seat.full_name in table for seat in (first, second, third))
    # The lowest total first, whatever the seats' order: X's sheet is "Sheet 1" here only
    # because it is the lowest.
    assert table.index("Phiếu 1") < table.index("4,25") < table.index("Phiếu 2")
    assert table.index(TELLING) < table.index("Phiếu 2") < table.index("Đạt yêu cầu.")
    missing = html[html.index("missing-sheets") :]
    assert third.full_name in missing[: missing.index("</p>")]


def test_a_single_sheet_beside_the_missing_names_is_not_shown(at_state, province, client):
    initiative = at_state("council_review")
    council = make_council(province, 3, voting="secret")
    seat_on(initiative, council)
    x_seat = seats(council)[1]
    scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=x_seat.user, scores=LOW,
                                vote="disagree", comment=TELLING, submit=True)  # fmt: skip
    services.initiative_request_revision(
        initiative=initiative, actor=province.reviewer, comment="Bổ sung minh chứng."
    )
    client.force_login(province.leader)
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    assert TELLING not in html and "4,25" not in html
    assert "Có một phiếu đã nộp" in html


def test_under_an_open_vote_each_sheet_keeps_its_members_name(at_state, province, client):
    initiative = at_state("council_review")
    council = make_council(province, 3, voting="open")
    seat_on(initiative, council)
    x_seat = seats(council)[1]
    scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=x_seat.user, scores=LOW,
                                vote="disagree", comment=TELLING, submit=True)  # fmt: skip
    client.force_login(province.reviewer)
    page = client.get(reverse("workflow:transition", args=[initiative.pk, "complete_scoring"]))
    rows = [r for r in records_of(page.content.decode()) if x_seat.full_name in r]
    assert any(TELLING in r and "4,25" in r for r in rows)


def test_the_score_sheet_admin_refuses_filters_on_scores_and_comments(
    at_state, province, client, django_user_model
):
    """A list of sheets filtered by a comment or a score names the member who wrote it."""
    initiative = at_state("council_review")
    council = make_council(province, 3, voting="secret")
    seat_on(initiative, council)
    x_seat = seats(council)[1]
    scoresheets.scoresheet_save(initiative_id=initiative.pk, actor=x_seat.user, scores=LOW,
                                vote="disagree", comment=TELLING, submit=True)  # fmt: skip
    client.force_login(
        django_user_model.objects.create_superuser("root", "r@example.vn", "pw-123-x")
    )
    base = reverse("admin:workflow_scoresheet_changelist")
    for query in (
        "comment__icontains=trùng",
        "scores__novelty=4.25",
        "scores__contains=4.25",
        "comment=" + TELLING,
        "vote=disagree",
        "assignment__sheet__comment__icontains=t",
    ):
        status, rows = listed(client, f"{base}?{query}")
        assert x_seat.full_name not in rows, query
        assert status in (200, 302, 400)

"""Similar recognized initiatives: a draft titled like a recognized one, typed without
diacritics, finds it — on SQLite (shared words) and on PostgreSQL (pg_trgm)."""

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Initiative
from initiatives.similarity import similar_recognized
from tests.conftest import make_draft

pytestmark = pytest.mark.django_db

RECOGNIZED_TITLE = "Cải cách thủ tục chứng thực bản sao điện tử"
DRAFT_TITLE = "cai cach thu tuc chung thuc ban sao dien tu"

# Recognized initiatives of other subjects, in the same administrative vocabulary.
UNRELATED = [
    (
        "Trồng rừng gỗ lớn bền vững tại các xã vùng cao",
        "Hỗ trợ người dân phát triển kinh tế lâm nghiệp, tăng thu nhập trên một đơn vị diện tích.",
    ),
    (
        "Ứng dụng phần mềm quản lý văn bản điều hành tại Sở Nội vụ",
        "Số hoá toàn bộ văn bản đến và văn bản đi, ký số trên môi trường mạng.",
    ),
    (
        "Đặt lịch khám bệnh trực tuyến tại Bệnh viện Đa khoa tỉnh",
        "Giảm thời gian chờ đợi của người bệnh; đăng ký qua ứng dụng điện thoại.",
    ),
]


def recognize(initiative, status="recognized"):
    Initiative.objects.filter(pk=initiative.pk).update(status=status)
    return initiative


@pytest.fixture
def registry(province):
    """The matching recognized initiative and three unrelated ones."""
    match = recognize(
        make_draft(
            province,
            title=RECOGNIZED_TITLE,
            description="Số hoá quy trình chứng thực, trả kết quả qua Cổng dịch vụ công; "
            "người dân không phải đi lại nhiều lần.",
            confidential_info="Không được lộ",
        )
    )
    others = [
        recognize(make_draft(province, title=title, description=text, agency=province.snv))
        for title, text in UNRELATED
    ]
    return match, others


def test_draft_without_diacritics_finds_the_recognized_one(province, registry):
    match, _others = registry
    draft = make_draft(
        province, title=DRAFT_TITLE, description="Quy trình mới cho bộ phận một cửa cấp xã."
    )
    found = similar_recognized(draft)
    assert [i.pk for i in found] == [match.pk]
    assert 0 < found[0].similarity <= 1


def test_text_query_and_best_first(province, registry):
    match, others = registry
    land = recognize(
        make_draft(
            province,
            title="Cải cách thủ tục hành chính trong lĩnh vực đất đai",
            description="Giảm thời gian giải quyết hồ sơ cấp giấy chứng nhận.",
        )
    )
    found = similar_recognized("cai cach thu tuc chung thuc ban sao")
    assert found[0].pk == match.pk
    assert not {o.pk for o in others} & {i.pk for i in found}
    assert found == sorted(found, key=lambda i: -i.similarity)
    assert similar_recognized("dang ky kham benh truc tuyen")[0].pk == others[2].pk
    assert land.pk != found[0].pk


def test_only_public_states_and_exclusions(province, registry, at_state):
    match, _others = registry
    hidden = make_draft(province, title=RECOGNIZED_TITLE)  # a draft: never suggested
    withdrawn = make_draft(province, title=RECOGNIZED_TITLE)
    recognize(withdrawn, "withdrawn")
    rollout = recognize(make_draft(province, title=RECOGNIZED_TITLE + " cấp xã"), "rollout")
    closed = recognize(make_draft(province, title=RECOGNIZED_TITLE + " cấp tỉnh"), "closed")

    found = {i.pk for i in similar_recognized(DRAFT_TITLE)}
    assert found == {match.pk, rollout.pk, closed.pk}
    assert hidden.pk not in found and withdrawn.pk not in found
    assert match.pk not in {i.pk for i in similar_recognized(match)}  # never itself
    assert match.pk not in {i.pk for i in similar_recognized(DRAFT_TITLE, exclude_pk=match.pk)}
    assert len(similar_recognized(DRAFT_TITLE, limit=2)) == 2


def test_nothing_for_empty_or_stop_words(registry):
    assert similar_recognized("") == []
    assert similar_recognized("và của các cho") == []
    assert similar_recognized(Initiative(title="")) == []


def test_results_never_carry_confidential_info(province, registry):
    found = similar_recognized(DRAFT_TITLE)
    assert "confidential_info" in found[0].get_deferred_fields()


def test_on_postgresql_trigram_scores_and_index(registry):
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm exists only on PostgreSQL")
    with CaptureQueriesContext(connection) as context:
        assert similar_recognized(DRAFT_TITLE)[0].title == RECOGNIZED_TITLE
    assert "WORD_SIMILARITY(" in context.captured_queries[-1]["sql"].upper()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'initiative_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition
    # The panel's candidates come nearest first from a partial GiST index of the public ones.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'initiative_public_search_gist'"
        )
        (definition,) = cursor.fetchone()
    assert "gist_trgm_ops" in definition and "recognized" in definition


def test_the_panel_runs_two_queries_whatever_the_registry_size(
    province, registry, django_assert_max_num_queries
):
    draft = make_draft(province, title=DRAFT_TITLE, description="Quy trình mới cấp xã.")
    with django_assert_max_num_queries(2):
        found = similar_recognized(draft)
    assert [i.title for i in found] == [RECOGNIZED_TITLE]
    for n in range(10):
        recognize(make_draft(province, title=f"Trồng rừng gỗ lớn tại xã số {n}"))
    with django_assert_max_num_queries(2):
        assert [i.title for i in similar_recognized(draft)] == [RECOGNIZED_TITLE]


# --- Where it is shown ------------------------------------------------------------------------


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_drafting_form_shows_the_panel(client, province, registry):
    match, _others = registry
    draft = make_draft(province, title=DRAFT_TITLE)
    english(client).force_login(province.staff)
    html = client.get(reverse("initiatives:edit", args=[draft.pk])).content.decode()
    assert "Similar recognized initiatives — adopt instead of re-filing?" in html
    assert reverse("initiatives:registry_detail", args=[match.pk]) in html
    assert 'hx-get="/registry/similar/"' in html


def test_new_draft_form_loads_the_panel_live(client, province, registry):
    match, _others = registry
    english(client).force_login(province.staff)
    html = client.get(reverse("initiatives:create")).content.decode()
    assert 'id="similar-initiatives"' in html and 'hx-trigger="load,' in html
    panel = client.get(reverse("initiatives:registry_similar"), {"title": DRAFT_TITLE})
    assert reverse("initiatives:registry_detail", args=[match.pk]) in panel.content.decode()
    empty = client.get(reverse("initiatives:registry_similar"), {"title": "xyz"})
    assert empty.content.decode().strip() == ""


def test_reviewer_sees_possible_duplicates(client, province, registry, at_state):
    match, _others = registry
    dossier = at_state("department_review", title=DRAFT_TITLE)
    url = reverse("workflow:detail", args=[dossier.pk])
    english(client).force_login(province.reviewer)
    html = client.get(url).content.decode()
    assert "Similar recognized initiatives — a possible duplicate?" in html
    assert reverse("initiatives:registry_detail", args=[match.pk]) in html
    # The agency that filed it is not asked to adopt once the dossier is under review.
    client.force_login(province.staff)
    assert 'id="similar-initiatives"' not in client.get(url).content.decode()


def test_reviewer_told_when_nothing_is_similar(client, province, at_state):
    dossier = at_state("department_review", title="Một đề tài chưa ai làm")
    english(client).force_login(province.reviewer)
    html = client.get(reverse("workflow:detail", args=[dossier.pk])).content.decode()
    assert "No similar recognized initiative was found." in html


def test_template_tag_compares_a_text(province, registry):
    match, _others = registry
    template = Template(
        "{% load l10n similar %}{% similar_to text as items %}"
        "{% for i in items %}{{ i.pk|unlocalize }};{% endfor %}"
    )
    request = RequestFactory().get("/")
    request.user = province.staff
    rendered = template.render(Context({"text": DRAFT_TITLE, "request": request}))
    assert rendered == f"{match.pk};"

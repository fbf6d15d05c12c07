"""A completed council round reopened by a granted appeal against the non-recognition keeps
the council's result on its earlier round, and the dossier page tells how each earlier round
ended (issue 10 §4 and §6)."""

import pytest
from django.urls import reverse

from workflow import services
from workflow.models import RESULT_FIELDS, CouncilReview, EarlierCouncilRound

pytestmark = pytest.mark.django_db


def reopened(initiative, province):
    initiative = services.initiative_appeal(
        initiative=initiative, actor=province.head, comment="Đề nghị xem xét lại."
    )
    return services.initiative_resolve_appeal(
        initiative=initiative, actor=province.leader, outcome="granted", comment="Chấp nhận."
    )


def section(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


def test_the_earlier_round_keeps_the_councils_result(at_state, province):
    initiative = at_state("rejected")
    before = CouncilReview.objects.get(initiative=initiative)
    assert before.completed_at is not None
    reopened(initiative, province)
    earlier = EarlierCouncilRound.objects.get(initiative=initiative)
    for name in RESULT_FIELDS:
        assert getattr(earlier, name) == getattr(before, name), name
    assert earlier.meeting_date == before.meeting_date
    assert earlier.tally_text == before.tally_text
    fresh = CouncilReview.objects.get(initiative=initiative)
    assert fresh.completed_at is None and fresh.total is None  # the new round starts empty


@pytest.mark.parametrize("who", ["leader", "reviewer"])
def test_the_dossier_page_shows_the_reopened_rounds_result(at_state, province, client, who):
    initiative = at_state("rejected")
    review = CouncilReview.objects.get(initiative=initiative)
    reopened(initiative, province)
    client.force_login(getattr(province, who))
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    earlier = section(html, 'id="earlier-rounds"')
    assert "không sử dụng" not in earlier and "gửi trả" not in earlier.lower()
    assert "khiếu nại" in earlier  # completed, then reopened by a granted appeal
    assert review.tally_text in earlier
    assert f"{review.total:.2f}".replace(".", ",").rstrip("0").rstrip(",") in earlier
    recommendation = (
        "Hội đồng đã đề nghị công nhận"
        if review.recommended
        else "Hội đồng đã không đề nghị công nhận"
    )
    assert recommendation in earlier
    assert "<tfoot>" in earlier and "Tổng điểm trung bình" in earlier  # its means row


def test_a_round_sent_back_during_scoring_says_so_and_has_no_result(at_state, province, client):
    initiative = at_state("council_review")
    services.initiative_request_revision(
        initiative=initiative, actor=province.reviewer, comment="Bổ sung minh chứng."
    )
    client.force_login(province.leader)
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    earlier = section(html, 'id="earlier-rounds"')
    assert "không được dùng cho kết quả nào" in earlier
    assert "earlier-round-result" not in earlier and "khiếu nại" not in earlier


@pytest.mark.parametrize("who", ["staff", "head"])
def test_the_agency_does_not_see_earlier_rounds(at_state, province, client, who):
    initiative = at_state("rejected")
    reopened(initiative, province)
    client.force_login(getattr(province, who))
    html = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()
    assert 'id="earlier-rounds"' not in html and "earlier-round-result" not in html

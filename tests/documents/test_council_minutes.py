"""Biên bản họp Hội đồng + Biên bản kiểm phiếu, issued when the meeting is recorded
(complete_scoring): the means, the total, the tally and the recommendation; under a secret
ballot the tally only, never a member's name against a vote. Read by reviewers, leaders and
the council's secretary only."""

import pytest
from django.urls import reverse

from documents import issuing
from documents.models import Document, DocumentKind
from workflow.council_body import Council
from workflow.models import CouncilReview

from .conftest import act
from .helpers import embedded_fonts, is_a4, page_sizes, pdf_text
from .test_council_docs import docx_text

pytestmark = pytest.mark.django_db


def minutes_of(initiative) -> Document:
    issuing.issue_for_act(act(initiative, "complete_scoring").pk)
    return Document.objects.get(initiative=initiative, kind=DocumentKind.MINUTES)


def test_open_vote_minutes_state_the_result_and_each_members_vote(at_state, province):
    initiative = at_state("awaiting_decision")
    review = CouncilReview.objects.get(initiative=initiative)
    document = minutes_of(initiative)

    text = pdf_text(document)
    criteria = list(review.rubric.criteria.order_by("order", "id"))
    for expected in (
        "BIÊN BẢN HỌP HỘI ĐỒNG",
        "BIÊN BẢN KIỂM PHIẾU",
        "HỘI ĐỒNG SÁNG KIẾN TỈNH",
        initiative.title,
        f"{review.present_count}/{review.named_count} thành viên",
        f"Số phiếu đồng ý: {review.agree_count}.",
        "biểu quyết công khai",
        "đề nghị công nhận sáng kiến",
        f"{review.total:.2f}".replace(".", ","),
        *(c.name for c in criteria),
        "Vũ Thị Mai Đồng ý",
        f"Số: {document.number}",
    ):
        assert expected in text, expected
    assert document.number == f"{document.sequence}/BB-HĐSK"  # the minutes' own book
    assert document.council_id == review.council_id
    assert any("Liberation-Serif" in name for name in embedded_fonts(document))
    assert all(is_a4(size) for size in page_sizes(document))
    # Issued once per act.
    issuing.issue_for_act(act(initiative, "complete_scoring").pk)
    assert Document.objects.filter(kind=DocumentKind.MINUTES).count() == 1


def test_secret_ballot_minutes_hold_the_tally_and_no_vote_by_name(at_state, province):
    Council.objects.filter(pk=province.council_body.pk).update(voting=Council.Voting.SECRET)
    initiative = at_state("awaiting_decision")
    review = CouncilReview.objects.get(initiative=initiative)
    assert review.is_secret

    text = pdf_text(minutes_of(initiative))

    assert "bỏ phiếu kín" in text
    assert f"Số phiếu đồng ý: {review.agree_count}." in text
    assert f"Số phiếu không đồng ý: {review.disagree_count}." in text
    # The members present are named (attendance is not secret), but no vote is set by a name.
    assert "Vũ Thị Mai" in text
    assert "Vũ Thị Mai Đồng ý" not in text and "Vũ Thị Mai Không đồng ý" not in text
    assert "Biểu quyết" not in text  # no vote-by-member table at all


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 200),
        ("leader", 200),
        ("secretary", 200),
        ("member", 404),
        ("agency_staff", 404),
        ("outsider", 404),
    ],
)
def test_who_reads_the_minutes(client, at_state, province, who, status):
    initiative = at_state("awaiting_decision")
    document = minutes_of(initiative)
    user = {
        "reviewer": province.reviewer,
        "leader": province.leader,
        "secretary": province.council[0],
        "member": province.council[1],
        "agency_staff": province.staff,
        "outsider": province.outsider,
    }[who]
    client.force_login(user)

    response = client.get(reverse("documents:download", args=[document.pk]))

    assert response.status_code == status
    page = client.get(reverse("workflow:detail", args=[initiative.pk]))
    listed = reverse("documents:download", args=[document.pk]) in page.content.decode()
    assert listed == (status == 200)


def draft_text(client, user, initiative):
    client.force_login(user)
    response = client.get(reverse("documents:minutes_draft", args=[initiative.pk]))
    if response.status_code != 200:
        return response.status_code, ""
    return 200, docx_text(b"".join(response.streaming_content))


def test_the_minutes_word_draft_open_and_secret(client, at_state, province):
    initiative = at_state("awaiting_decision")
    status, text = draft_text(client, province.council[0], initiative)  # the secretary
    assert status == 200
    assert "{{" not in text and "{%" not in text and "}}" not in text
    for expected in ("BIÊN BẢN HỌP HỘI ĐỒNG", initiative.title, "Vũ Thị Mai: Đồng ý"):
        assert expected in text, expected

    Council.objects.filter(pk=province.council_body.pk).update(voting=Council.Voting.SECRET)
    secret = at_state("awaiting_decision", title="Liên thông thủ tục đăng ký khai sinh")
    status, text = draft_text(client, province.reviewer, secret)
    assert status == 200
    assert "bỏ phiếu kín" in text and "Đồng ý" not in text.replace("đồng ý", "")
    assert "Vũ Thị Mai: " not in text


def test_the_minutes_draft_is_for_those_running_the_review(client, at_state, province):
    initiative = at_state("awaiting_decision")
    for user, status in (
        (province.leader, 200),
        (province.council[1], 404),
        (province.staff, 404),
        (province.outsider, 404),
    ):
        assert draft_text(client, user, initiative)[0] == status
    early = at_state("council_review", title="Chưa họp")
    assert draft_text(client, province.reviewer, early)[0] == 404

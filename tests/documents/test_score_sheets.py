"""Phiếu đánh giá sáng kiến on demand: blank (every criterion with its maximum, the dossier, the
member) and filled (the member's submitted scores and comment). Under a secret ballot the filled
sheet is the member's alone and states no vote."""

import io
import unicodedata

import pytest
from django.urls import reverse
from pypdf import PdfReader

from workflow.council_body import Council
from workflow.models import CouncilAssignment, CouncilReview

from .helpers import is_a4

pytestmark = pytest.mark.django_db


def read(response) -> PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def text_of(reader) -> str:
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def fonts_of(reader) -> set[str]:
    names = set()
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                names.add(str(descendant.get_object()["/BaseFont"]))
    return names


def seat_of(initiative, user) -> CouncilAssignment:
    return CouncilAssignment.objects.get(initiative=initiative, council_member__user=user)


def fetch(client, user, name, assignment):
    client.force_login(user)
    return client.get(reverse(f"documents:{name}", args=[assignment.pk]))


def test_the_blank_sheet_lists_every_criterion_with_its_maximum(client, at_state, province):
    initiative = at_state("council_review")
    assignment = seat_of(initiative, province.council[1])
    review = CouncilReview.objects.get(initiative=initiative)

    reader = read(fetch(client, province.council[1], "score_sheet_blank", assignment))

    text = text_of(reader)
    for expected in ("PHIẾU ĐÁNH GIÁ SÁNG KIẾN", initiative.title, "Người đánh giá: Vũ Thị Mai"):
        assert expected in text, expected
    for criterion in review.rubric.criteria.all():
        assert criterion.name in text
        assert f"{criterion.max_points:.2f}".replace(".", ",") in text
    assert "□ Đồng ý đề nghị công nhận" in text
    assert any("Liberation-Serif" in name for name in fonts_of(reader))
    assert all(is_a4((float(p.mediabox.width), float(p.mediabox.height))) for p in reader.pages)


def test_the_filled_sheet_states_the_members_scores_and_vote(client, at_state, province):
    initiative = at_state("awaiting_decision")
    assignment = seat_of(initiative, province.council[1])
    sheet = assignment.sheet

    text = text_of(read(fetch(client, province.council[1], "score_sheet_filled", assignment)))

    for value in sheet.scores.values():
        assert f"{float(value):.2f}".replace(".", ",") in text
    assert "Biểu quyết: Đồng ý đề nghị công nhận" in text
    # The secretary and a reviewer read it too under an open vote.
    assert fetch(client, province.council[0], "score_sheet_filled", assignment).status_code == 200
    assert fetch(client, province.reviewer, "score_sheet_filled", assignment).status_code == 200


def test_under_a_secret_ballot_the_filled_sheet_is_the_members_alone(client, at_state, province):
    Council.objects.filter(pk=province.council_body.pk).update(voting=Council.Voting.SECRET)
    initiative = at_state("awaiting_decision")
    assignment = seat_of(initiative, province.council[1])

    text = text_of(read(fetch(client, province.council[1], "score_sheet_filled", assignment)))

    assert "Đồng ý đề nghị công nhận" not in text and "Không đồng ý" not in text
    for other in (province.council[0], province.reviewer, province.leader, province.council[2]):
        assert fetch(client, other, "score_sheet_filled", assignment).status_code == 404
    # The blank sheet is not secret.
    assert fetch(client, province.council[0], "score_sheet_blank", assignment).status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("member", 200),
        ("secretary", 200),
        ("reviewer", 200),
        ("leader", 200),
        ("other_member", 404),
        ("agency_staff", 404),
        ("outsider", 404),
    ],
)
def test_who_gets_a_members_blank_sheet(client, at_state, province, who, status):
    initiative = at_state("council_review")
    assignment = seat_of(initiative, province.council[1])
    user = {
        "member": province.council[1],
        "secretary": province.council[0],
        "reviewer": province.reviewer,
        "leader": province.leader,
        "other_member": province.council[2],
        "agency_staff": province.staff,
        "outsider": province.outsider,
    }[who]

    assert fetch(client, user, "score_sheet_blank", assignment).status_code == status


def test_a_sheet_not_submitted_has_no_filled_copy(client, at_state, province):
    initiative = at_state("council_review")
    assignment = seat_of(initiative, province.council[1])
    assert fetch(client, province.council[1], "score_sheet_filled", assignment).status_code == 404

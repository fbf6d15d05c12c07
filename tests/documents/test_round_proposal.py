"""Tờ trình đề nghị công nhận: a Word draft per round listing the dossiers its council recommends,
for the standing office and the leaders, linked from the round page."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from docx import Document as Docx

from tests.conftest import today
from workflow.models import RoundDossier
from workflow.rounds import round_save

from .test_council_docs import docx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_of_two(province, at_state):
    made = round_save(
        actor=province.reviewer,
        data={"year": today().year, "number": 1, "title": "Đợt I",
              "opens_on": today() - timedelta(days=60), "closes_on": today() - timedelta(days=1),
              "council": None, "decided_on": None},
    )  # fmt: skip
    dossiers = [
        at_state("awaiting_decision"),
        at_state("awaiting_decision", title="Liên thông thủ tục đăng ký khai sinh"),
    ]
    for initiative in dossiers:
        RoundDossier.objects.create(round=made, initiative=initiative)
    return made, dossiers


def test_the_proposal_draft_lists_the_recommended_dossiers(client, province, round_of_two):
    made, dossiers = round_of_two
    client.force_login(province.reviewer)

    page = client.get(reverse("workflow:round", args=[made.pk])).content.decode()
    url = reverse("documents:round_proposal_draft", args=[made.pk])
    assert url in page
    response = client.get(url)

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    text = docx_text(content)
    assert "{{" not in text and "{%" not in text and "}}" not in text
    for expected in (
        "TỜ TRÌNH",
        "Về việc đề nghị công nhận sáng kiến Đợt I",
        "Kính gửi: Ủy ban nhân dân tỉnh Thái Nguyên.",
        "công nhận 2 sáng kiến",
        dossiers[0].title,
        "Liên thông thủ tục đăng ký khai sinh",
        "Nguyễn Thị Lan, Trần Văn Hùng",
    ):
        assert expected in text, expected
    rows = Docx(io.BytesIO(content)).tables[1].rows
    assert len(rows) == 3  # the head and one row per recommended dossier


@pytest.mark.parametrize(
    ("who", "status"),
    [("reviewer", 200), ("leader", 200), ("member", 404), ("agency_staff", 404)],
)
def test_who_gets_the_proposal_draft(client, province, round_of_two, who, status):
    made, _dossiers = round_of_two
    user = {
        "reviewer": province.reviewer,
        "leader": province.leader,
        "member": province.council[1],
        "agency_staff": province.staff,
    }[who]
    client.force_login(user)
    url = reverse("documents:round_proposal_draft", args=[made.pk])
    assert client.get(url).status_code == status

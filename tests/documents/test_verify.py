"""/verify/<code>/ and GET /api/v1/verify/{code}/: anyone, without login, learns whether a
certificate is genuine and in force — and nothing confidential."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from common import clock
from documents import builders, issuing
from documents.services import document_correct
from workflow.services import initiative_revoke

from .conftest import act

pytestmark = pytest.mark.django_db

SECRET = "Bí mật: mật khẩu máy chủ một cửa QX-4471"
BIRTH = date(1980, 7, 14)


@pytest.fixture
def certificate(at_state):
    initiative = at_state("recognized", confidential_info=SECRET)
    initiative.authors.update(birth_date=BIRTH)
    first, _second = issuing.issue_for_act(act(initiative, "recognize").pk)
    return first


def confidential_in(text: str) -> list[str]:
    shown = (SECRET, "14/07/1980", "1980-07-14", "contribution", "60,00", "60.00", "score")
    return [s for s in shown if s in text]


def test_the_page_shows_a_genuine_certificate_to_anyone(client, certificate):
    initiative = certificate.initiative

    response = client.get(f"/verify/{certificate.verification_code}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-status="issued"' in text
    for shown in (
        certificate.number,
        initiative.title,
        "Nguyễn Thị Lan, Trần Văn Hùng",
        initiative.decision_number,
        initiative.decision_date.strftime("%d/%m/%Y"),
        "Giấy chứng nhận sáng kiến",
    ):
        assert shown in text, shown
    assert confidential_in(text) == []


def test_the_api_answers_the_same_facts(certificate):
    initiative = certificate.initiative

    response = APIClient().get(f"/api/v1/verify/{certificate.verification_code}/")

    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["status"] == "issued"
    assert body["kind"] == "certificate"
    assert body["number"] == "001/GCN-SKKN"
    assert body["title"] == initiative.title
    assert body["holder"] == "Nguyễn Thị Lan"
    assert body["authors"] == ["Nguyễn Thị Lan", "Trần Văn Hùng"]
    assert body["decision"] == {
        "number": initiative.decision_number,
        "date": initiative.decision_date.isoformat(),
    }
    assert body["revoked_by"] is None
    assert confidential_in(response.content.decode()) == []


def test_revocation_shows_at_once(client, certificate, province):
    initiative_revoke(
        initiative=certificate.initiative,
        actor=province.leader,
        decision_number="77/QĐ-UBND",
        decision_date=clock.today(),
        comment="Lý do nội bộ: trùng với giải pháp đã được công nhận.",
    )

    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    body = APIClient().get(f"/api/v1/verify/{certificate.verification_code}/").json()

    assert 'data-status="revoked"' in page
    assert "77/QĐ-UBND" in page
    assert "Lý do nội bộ" not in page  # the reason is the province's, not the public's
    assert body["valid"] is False
    assert body["status"] == "revoked"
    assert body["revoked_by"]["number"] == "77/QĐ-UBND"


def test_a_superseded_version_says_so(client, certificate):
    build = builders.certificate_builder(
        initiative=certificate.initiative, author=certificate.author
    )
    current = document_correct(document=certificate, build=build)

    old = APIClient().get(f"/api/v1/verify/{certificate.verification_code}/").json()
    new = APIClient().get(f"/api/v1/verify/{current.verification_code}/").json()

    assert (old["valid"], old["status"], old["superseded_by"]) == (
        False,
        "superseded",
        "001/GCN-SKKN",
    )
    assert (new["valid"], new["status"], new["version"]) == (True, "issued", 2)
    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert 'data-status="superseded"' in page


def test_an_unknown_code_is_not_found(client, certificate):
    assert client.get("/verify/khong-co-ma-nay/").status_code == 404
    response = APIClient().get("/api/v1/verify/khong-co-ma-nay/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_receipt_is_not_verifiable(client, at_state):
    """Only certificates and decisions carry a code; a receipt is the agency's own paper."""
    initiative = at_state("department_review")
    [receipt] = issuing.issue_for_act(act(initiative, "submit").pk)

    assert receipt.verification_code is None


def test_the_api_is_throttled_and_ignores_credentials(certificate, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "verify": "3/minute",
        },
    }
    anonymous = APIClient(REMOTE_ADDR="10.0.0.9")
    anonymous.credentials(HTTP_AUTHORIZATION="Token stale-or-wrong")
    url = f"/api/v1/verify/{certificate.verification_code}/"

    assert [anonymous.get(url).status_code for _ in range(3)] == [200, 200, 200]
    assert anonymous.get(url).status_code == 429

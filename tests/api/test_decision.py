"""The decision through the REST API (API.md `recognize {"decision_number", "decision_date",
"signer", "scope", "comment"?}`): both shapes of the signer, the detail's `signer`, the
province's number format, provincial scope by default, a reason against the council, and the
cơ sở decision among a submitted dossier's attachments. 400 names each field in Vietnamese,
403 the wrong actor, 409 the wrong state; a refused request changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_draft, today
from tests.unchanged import nothing_changes
from workflow.models import TransitionLog
from workflow.scenarios import PDF, advance

pytestmark = pytest.mark.django_db

VICE = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
REASON = "Hiệu quả thực tế tại 12 xã rõ hơn đánh giá của Hội đồng."


def url(initiative, name="recognize"):
    return f"/api/v1/initiatives/{initiative.pk}/transitions/{name}/"


def body(**overrides):
    values = {
        "decision_number": "125/QĐ-UBND",
        "decision_date": today().isoformat(),
        "signer": "Nguyễn Văn A",
        "signer_authority": "vice_chairman",
    }
    return {key: value for key, value in (values | overrides).items() if value is not None}


def refused(client, initiative, data, name="recognize", status=400):
    with nothing_changes(initiative, initiative.authors.all()):
        response = client.post(url(initiative, name), data, format="json")
    assert response.status_code == status, response.data
    return response.data


@pytest.fixture
def not_recommended(province):
    cast = province.cast(scores={"novelty": 12, "applicability": 10, "benefit": 10})
    return advance(make_draft(province), "awaiting_decision", cast)


# --- The signer -----------------------------------------------------------------------------------


def test_signer_as_a_name_beside_its_authority(at_state, province, api):
    initiative = at_state("awaiting_decision")
    response = api(province.leader).post(url(initiative), body(), format="json")
    assert response.status_code == 200, response.data
    assert response.data["status"] == "recognized"
    assert response.data["signer"] == {
        "name": "Nguyễn Văn A",
        "authority": "vice_chairman",
        "authority_label": VICE,
    }
    assert response.data["scope"] == "provincial"  # not sent: the provincial track's scope


def test_signer_as_an_object(at_state, province, api):
    initiative = at_state("awaiting_decision")
    data = body(signer={"name": "Trần Văn B", "authority": "chairman"}, signer_authority=None)
    response = api(province.leader).post(url(initiative), data, format="json")
    assert response.status_code == 200, response.data
    assert response.data["signer"] == {
        "name": "Trần Văn B",
        "authority": "chairman",
        "authority_label": "CHỦ TỊCH",
    }
    detail = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/").data
    assert detail["signer"]["authority_label"] == "CHỦ TỊCH"


def test_signer_is_null_before_the_decision(at_state, province, api):
    initiative = at_state("awaiting_decision")
    assert api(province.leader).get(f"/api/v1/initiatives/{initiative.pk}/").data["signer"] is None


def test_missing_signer_and_authority_are_named(at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = refused(api(province.leader), initiative, body(signer=None, signer_authority=None))
    assert set(errors) == {"signer", "signer_authority"}
    assert errors["signer"] == ["Vui lòng nhập họ tên người ký quyết định."]
    errors = refused(api(province.leader), initiative, body(signer={"name": "Nguyễn Văn A"},
                                                            signer_authority=None))  # fmt: skip
    assert set(errors) == {"signer_authority"}


@pytest.mark.parametrize("signer", [42, ["Nguyễn Văn A"], {"name": 7}, "A" * 121])
def test_a_malformed_signer_is_a_400_on_signer(signer, at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = refused(api(province.leader), initiative, body(signer=signer))
    assert set(errors) == {"signer"}


def test_an_unknown_authority_is_a_400(at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = refused(api(province.leader), initiative, body(signer_authority="governor"))
    assert set(errors) == {"signer_authority"} and VICE in errors["signer_authority"][0]


def test_the_history_records_the_signer(at_state, province, api):
    initiative = at_state("awaiting_decision")
    api(province.leader).post(url(initiative), body(), format="json")
    history = api(province.staff).get(f"/api/v1/initiatives/{initiative.pk}/history/").data
    entry = history[-1]
    assert entry["transition"] == "recognize"
    assert entry["data"]["signer_name"] == "Nguyễn Văn A"
    assert entry["data"]["signer_authority"] == "vice_chairman"
    assert entry["data"]["against_council"] is False


# --- Number, scope, actor, state ----------------------------------------------------------------


def test_a_number_outside_the_format_is_a_400_with_an_example(at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = refused(api(province.leader), initiative, body(decision_number="125/QD-UBND"))
    assert set(errors) == {"decision_number"}
    assert "ví dụ: 125/QĐ-UBND" in errors["decision_number"][0]


def test_english_on_request(at_state, province, api):
    initiative = at_state("awaiting_decision")
    client = api(province.leader)
    with nothing_changes(initiative):
        response = client.post(
            url(initiative), body(decision_number="x"), format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
    assert "e.g. 125/QĐ-UBND" in response.data["decision_number"][0]


@pytest.mark.parametrize("scope, words", [("agency", "thủ trưởng đơn vị"),
                                          ("national", "quyết định của Bộ")])  # fmt: skip
def test_agency_and_national_scope_are_refused(scope, words, at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = refused(api(province.leader), initiative, body(scope=scope))
    assert set(errors) == {"scope"} and words in errors["scope"][0]


def test_a_v1_client_sending_provincial_scope_works_as_before(at_state, province, api):
    initiative = at_state("awaiting_decision")
    response = api(province.leader).post(url(initiative), body(scope="provincial"), format="json")
    assert response.status_code == 200
    assert (response.data["scope"], response.data["scope_label"]) == ("provincial", "Cấp tỉnh")


@pytest.mark.parametrize("who", ["reviewer", "staff"])
def test_the_wrong_actor_is_a_403(who, at_state, province, api):
    initiative = at_state("awaiting_decision")
    refused(api(getattr(province, who)), initiative, body(), status=403)


def test_the_wrong_state_is_a_409(at_state, province, api):
    initiative = at_state("council_review")
    data = refused(api(province.leader), initiative, body(), status=409)
    assert data["status"] == "council_review"


def test_an_invisible_dossier_is_a_404(at_state, province, api):
    initiative = at_state("awaiting_decision")
    refused(api(province.outsider), initiative, body(), status=404)


# --- Against the council -------------------------------------------------------------------------


def test_recognizing_against_the_council_needs_a_reason(not_recommended, province, api):
    errors = refused(api(province.leader), not_recommended, body())
    assert set(errors) == {"comment"}
    assert "Hội đồng không kiến nghị công nhận" in errors["comment"][0]

    response = api(province.leader).post(url(not_recommended), body(comment=REASON), format="json")
    assert response.status_code == 200, response.data
    history = api(province.staff).get(f"/api/v1/initiatives/{not_recommended.pk}/history/").data
    assert history[-1]["data"]["against_council"] is True
    assert history[-1]["comment"] == REASON


def test_declining_against_the_council_says_so(at_state, province, api):
    initiative = at_state("awaiting_decision")
    errors = refused(api(province.leader), initiative, {}, name="decline")
    assert "trái với kiến nghị của Hội đồng" in errors["comment"][0]
    response = api(province.leader).post(
        url(initiative, "decline"), {"comment": "Chưa rõ hiệu quả."}, format="json"
    )
    assert response.status_code == 200
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert log.data == {"against_council": True}


# --- The cơ sở decision among the attachments ----------------------------------------------------


def submit(client, initiative):
    declared = {"truthfulness_declared": True, "public_order_declared": True,
                "no_ip_protection_declared": True}  # fmt: skip
    return client.post(url(initiative, "submit"), declared, format="json")


def test_submit_without_the_agency_decision_is_a_400_on_attachments(province, api):
    initiative = make_draft(province, agency_decision=False)
    with nothing_changes(initiative):
        response = submit(api(province.staff), initiative)
    assert response.status_code == 400
    assert set(response.data) == {"attachments"}
    assert "Quyết định công nhận sáng kiến cấp cơ sở" in response.data["attachments"][0]

    upload = {"file": SimpleUploadedFile("qd-co-so.pdf", PDF), "kind": "quyet_dinh_co_so"}
    client = api(province.staff)
    assert (
        client.post(f"/api/v1/initiatives/{initiative.pk}/attachments/", upload).status_code == 201
    )
    response = submit(client, initiative)
    assert response.status_code == 200 and response.data["status"] == "department_review"


def test_resubmit_without_it_is_a_400(at_state, province, api):
    initiative = at_state("revision_requested")
    initiative.attachments.all().delete()
    with nothing_changes(initiative):
        response = api(province.head).post(url(initiative, "resubmit"), {}, format="json")
    assert response.status_code == 400 and set(response.data) == {"attachments"}


def test_submit_without_it_when_the_province_does_not_require_it(province, api, settings):
    settings.REQUIRE_AGENCY_RECOGNITION_ATTACHMENT = False
    initiative = make_draft(province, agency_decision=False)
    response = submit(api(province.staff), initiative)
    assert response.status_code == 200 and response.data["status"] == "department_review"

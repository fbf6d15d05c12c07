"""The whole life of a dossier through the REST API, each step by the role that takes it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from adoption.models import Adoption
from initiatives.models import Initiative
from tests.conftest import today
from tests.workflow.council_fixtures import minutes_body
from workflow.scenarios import PDF

pytestmark = pytest.mark.django_db


def dossier_body():
    return {
        "title": "Chuyển đổi hệ thống quản lý chất lượng ISO 9001:2008 sang ISO 9001:2015 cấp xã",
        "field": "cai_cach_hanh_chinh",
        "problem": "Hệ thống ISO 9001:2008 tại UBND cấp xã đã hết hiệu lực, quy trình rời rạc.",
        "investor": "Sở Tư pháp",
        "state_funded": True,
        "first_applied_on": (today() - timedelta(days=90)).isoformat(),
        "description": "Xây dựng bộ quy trình mẫu theo ISO 9001:2015 cho 92 xã, phường.",
        "applicability": "Áp dụng cho mọi UBND cấp xã trong tỉnh.",
        "confidential_info": "Bộ công cụ đánh giá rủi ro nội bộ.",
        "conditions": "Cán bộ đầu mối ISO tại mỗi xã được tập huấn.",
        "benefits_author": "Rút ngắn 30% thời gian xử lý hồ sơ.",
        "benefits_first_adopters": "Giảm hồ sơ trễ hạn tại bộ phận một cửa.",
        "benefit_amount_vnd": 150000000,
        "truthfulness_declared": True,
        "authors": [
            {
                "full_name": "Nguyễn Thị Lan",
                "birth_date": "1985-03-02",
                "workplace": "Sở Tư pháp",
                "position": "Chuyên viên",
                "qualification": "Thạc sĩ Luật",
                "contribution_percent": 70,
            },
            {
                "full_name": "Trần Văn Hùng",
                "workplace": "Sở Tư pháp",
                "position": "Giám đốc",
                "qualification": "Tiến sĩ",
                "contribution_percent": 30,
            },
        ],
        "participants": [
            {
                "full_name": "Lê Thị Hoa",
                "workplace": "UBND phường Phổ Yên",
                "position": "Công chức một cửa",
                "task": "Áp dụng thử quy trình mới",
            },
        ],
    }


def post_transition(client, pk, name, **body):
    return client.post(f"/api/v1/initiatives/{pk}/transitions/{name}/", body, format="json")


def test_whole_lifecycle_from_draft_to_closed(province, api):
    staff, head, reviewer, leader = (
        api(province.staff),
        api(province.head),
        api(province.reviewer),
        api(province.leader),
    )

    created = staff.post("/api/v1/initiatives/", dossier_body(), format="json")
    assert created.status_code == 201, created.data
    pk = created.data["id"]
    assert created.data["status"] == "draft"
    assert created.data["status_label"] == "Bản nháp"
    assert created.data["agency"]["code"] == "STP"
    assert [t["name"] for t in created.data["available_transitions"]] == ["submit", "withdraw"]

    # A provincial dossier carries the agency's cơ sở recognition decision: refused without it.
    declarations = {"public_order_declared": True, "no_ip_protection_declared": True}
    refused = post_transition(staff, pk, "submit", **declarations)
    assert refused.status_code == 400
    assert "Quyết định công nhận sáng kiến cấp cơ sở" in refused.data["attachments"][0]
    decision = SimpleUploadedFile("quyet-dinh-co-so.pdf", PDF)
    uploaded = staff.post(
        f"/api/v1/initiatives/{pk}/attachments/",
        {"file": decision, "kind": "quyet_dinh_co_so"},
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.data

    # The exclusions of NĐ 13 Điều 3.2 are declared with the submission itself.
    submitted = post_transition(
        staff,
        pk,
        "submit",
        comment="Kính gửi Sở KH&CN.",
        public_order_declared=True,
        no_ip_protection_declared=True,
    )
    assert submitted.status_code == 200, submitted.data
    assert submitted.data["code"] == f"SK-{today().year}-0001"
    assert submitted.data["status"] == "department_review"

    revision = post_transition(
        reviewer, pk, "request_revision",
        comment="Bổ sung biên bản hội đồng cơ sở.",
        reply_due=(today() + timedelta(days=45)).isoformat(),
    )  # fmt: skip
    assert revision.status_code == 200, revision.data
    assert revision.data["revision_due"] == (today() + timedelta(days=45)).isoformat()

    patched = head.patch(f"/api/v1/initiatives/{pk}/", {"conditions": "Đã bổ sung."}, format="json")
    assert patched.status_code == 200, patched.data
    assert post_transition(head, pk, "resubmit", comment="Đã bổ sung.").status_code == 200

    accepted = post_transition(reviewer, pk, "accept", council=province.council_body.pk)
    assert accepted.status_code == 200, accepted.data
    assert accepted.data["decision_due"] is not None

    for member in province.council:
        sheet = api(member).put(
            f"/api/v1/initiatives/{pk}/scoresheet/",
            {"scores": {"novelty": 32, "applicability": 25, "benefit": 24}, "vote": "agree",
             "comment": "Đạt yêu cầu.", "submit": True},
            format="json",
        )  # fmt: skip
        assert sheet.status_code == 200, sheet.data
        assert sheet.data["locked"] is True

    # The council met today with every member (ids as the councils API lists them).
    minutes = minutes_body(Initiative.objects.get(pk=pk))
    scored = post_transition(reviewer, pk, "complete_scoring", **minutes)
    assert scored.status_code == 200, scored.data
    summary = scored.data["score_summary"]
    assert summary["total"] == 81
    assert summary["agree_count"] == 3
    assert summary["recommended"] is True

    recognized = post_transition(
        leader, pk, "recognize",
        decision_number="125/QĐ-UBND", decision_date=today().isoformat(), scope="provincial",
        signer="Ngô Thanh Sơn", signer_authority="vice_chairman",
    )  # fmt: skip
    assert recognized.status_code == 200, recognized.data
    assert recognized.data["decision_number"] == "125/QĐ-UBND"
    assert recognized.data["signer"] == {
        "name": "Ngô Thanh Sơn",
        "authority": "vice_chairman",
        "authority_label": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    }

    rollout = post_transition(
        leader, pk, "start_rollout",
        target_agencies=[province.phoyen.pk, province.dailu.pk],
        report_due=(today() + timedelta(days=60)).isoformat(),
    )  # fmt: skip
    assert rollout.status_code == 200, rollout.data
    assert Adoption.objects.filter(initiative_id=pk, source="mandated").count() == 2

    closed = post_transition(reviewer, pk, "close_rollout", comment="Hoàn thành nhân rộng.")
    assert closed.status_code == 200
    assert closed.data["status"] == "closed"
    assert closed.data["available_transitions"] == []

    history = staff.get(f"/api/v1/initiatives/{pk}/history/")
    assert history.status_code == 200
    steps = [(h["transition"], h["source"], h["target"], h["actor"]["username"], h["comment"])
             for h in history.data]  # fmt: skip
    assert steps == [
        ("submit", "draft", "department_review", "staff_tuphap", "Kính gửi Sở KH&CN."),
        ("request_revision", "department_review", "revision_requested", "reviewer",
         "Bổ sung biên bản hội đồng cơ sở."),
        ("resubmit", "revision_requested", "department_review", "head_tuphap", "Đã bổ sung."),
        ("accept", "department_review", "council_review", "reviewer", ""),
        ("complete_scoring", "council_review", "awaiting_decision", "reviewer", ""),
        ("recognize", "awaiting_decision", "recognized", "leader", ""),
        ("start_rollout", "recognized", "rollout", "leader", ""),
        ("close_rollout", "rollout", "closed", "reviewer", "Hoàn thành nhân rộng."),
    ]  # fmt: skip
    roles = [h["role"] for h in history.data]
    assert roles == ["agency_staff", "reviewer", "agency_head", "reviewer", "reviewer", "leader",
                     "leader", "reviewer"]  # fmt: skip

"""Audit finding 2: confidential parts are decided per dossier — the owning agency, reviewers,
leaders and the council assigned to *this* dossier — never by a role held elsewhere.

The attacker of the audit: a council member at Sở KH&CN who is also staff of a commune that
adopts a recognized initiative. The commune's adoption lets them read the public part of the
dossier; their council role elsewhere must not open its secrets."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Membership, Role
from initiatives import services as initiative_services
from tests.conftest import make_council, make_draft, make_user
from workflow.scenarios import advance

pytestmark = pytest.mark.django_db

SECRET = "Quy trình nội bộ: mật khẩu hệ thống một cửa đặt tại phụ lục 3"
BIRTH = date(1979, 4, 23)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def recognized(province):
    """A dossier in rollout with a secret, a birth date and a confidential attachment; the
    commune Phổ Yên is asked to adopt it."""
    initiative = make_draft(province, confidential_info=SECRET)
    initiative.authors.update(birth_date=BIRTH)
    initiative_services.attachment_add(
        initiative=initiative,
        actor=province.staff,
        file=SimpleUploadedFile("bi-mat.pdf", PDF),
        kind="minh_chung",
        confidential=True,
    )
    return advance(initiative, "rollout", province.cast())


@pytest.fixture
def double_role(province):
    """Council member at Sở KH&CN (not on this dossier's council) and staff at Phổ Yên."""
    user = make_user("council_phoyen", "Lý Thị Hoa", (Role.COUNCIL_MEMBER, province.skhcn))
    Membership.objects.create(user=user, agency=province.phoyen, role=Role.AGENCY_STAFF)
    return user


def test_a_council_role_elsewhere_does_not_open_the_api_detail(recognized, double_role, api):
    response = api(double_role).get(f"/api/v1/initiatives/{recognized.pk}/")

    assert response.status_code == 200  # the adopting commune reads the public part
    assert response.data["confidential_info"] is None
    assert response.data["score_summary"] is None
    assert {a["birth_date"] for a in response.data["authors"]} == {None}
    # Only the public attachment: the agency's cơ sở decision every provincial dossier carries.
    assert [a["name"] for a in response.data["attachments"]] == ["quyet-dinh-co-so.pdf"]
    assert SECRET not in response.content.decode()


def test_nor_the_history_nor_the_confidential_file(recognized, double_role, api):
    client = api(double_role)
    assert client.get(f"/api/v1/initiatives/{recognized.pk}/history/").status_code == 403
    attachment = recognized.attachments.get(confidential=True)
    assert client.get(f"/api/v1/attachments/{attachment.pk}/download/").status_code == 404


def test_nor_the_pages(recognized, double_role, client):
    client.force_login(double_role)
    attachment = recognized.attachments.get(confidential=True)
    for name in ("workflow:detail", "initiatives:preview", "initiatives:print"):
        page = client.get(reverse(name, args=[recognized.pk]))
        assert page.status_code == 200, name
        text = page.content.decode()
        assert SECRET not in text and "23/04/1979" not in text, name
        assert "bi-mat.pdf" not in text, name
    assert (
        "score-table"
        not in client.get(reverse("workflow:detail", args=[recognized.pk])).content.decode()
    )
    assert client.get(reverse("initiatives:attachment", args=[attachment.pk])).status_code == 404


@pytest.mark.parametrize("who", ["staff", "reviewer", "leader", "council1"])
def test_the_insiders_of_this_dossier_still_see_it(who, recognized, province, api, client):
    user = province.council[0] if who == "council1" else getattr(province, who)
    detail = api(user).get(f"/api/v1/initiatives/{recognized.pk}/").data
    assert detail["confidential_info"] == SECRET
    assert {a["birth_date"] for a in detail["authors"]} == {BIRTH.isoformat()}
    assert [a["name"] for a in detail["attachments"]] == ["quyet-dinh-co-so.pdf", "bi-mat.pdf"]
    assert detail["score_summary"] is not None
    attachment = recognized.attachments.get(confidential=True)
    assert api(user).get(f"/api/v1/attachments/{attachment.pk}/download/").status_code == 200
    client.force_login(user)
    page = client.get(reverse("workflow:detail", args=[recognized.pk])).content.decode()
    assert SECRET in page and "23/04/1979" in page


def test_a_member_of_another_dossiers_council_is_not_an_insider(province, api, at_state):
    """council1 scores dossier A; dossier B's council is someone else; council1 is also staff at
    the agency that adopts B."""
    other_council = [
        make_user(f"hd{i}", f"Thành viên {i}", (Role.COUNCIL_MEMBER, province.snv))
        for i in range(3)
    ]
    Membership.objects.create(
        user=province.council[0], agency=province.phoyen, role=Role.AGENCY_STAFF
    )
    body = make_council(
        province.ubnd,
        [(u, "secretary" if not i else "member") for i, u in enumerate(other_council)],
        name="Hội đồng B",
    )
    b = advance(make_draft(province, confidential_info=SECRET), "rollout",
                province.cast(council=other_council, council_body=body))  # fmt: skip
    response = api(province.council[0]).get(f"/api/v1/initiatives/{b.pk}/")
    assert response.status_code == 200
    assert response.data["confidential_info"] is None


def test_a_recused_member_of_this_council_is_not_an_insider(province, api):
    """council_stp works at the applicant agency as a council member only: recused at accept,
    the dossier is not theirs to see at all, let alone its secrets."""
    draft = make_draft(province, confidential_info=SECRET)
    initiative = advance(draft, "department_review", province.cast())
    body = {"council": province.seat_all([province.council_stp]).pk}
    accepted = api(province.reviewer).post(
        f"/api/v1/initiatives/{initiative.pk}/transitions/accept/", body, format="json"
    )
    assert accepted.status_code == 200
    assert api(province.council_stp).get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 404
    from initiatives.permissions import sees_confidential

    assert not sees_confidential(initiative, province.council_stp)


def test_the_attachment_panel_never_shows_confidential_files_to_an_adopter(
    recognized, province, client
):
    """An htmx upload answers with the attachment panel: someone who may only read the public
    part (the adopting commune) is refused before any panel is drawn."""
    client.force_login(province.other_staff)
    response = client.post(
        reverse("initiatives:attachment_upload", args=[recognized.pk]), {}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert "bi-mat.pdf" not in response.content.decode()

"""Promotion (issue 13): from a cơ sở-recognized initiative the agency prepares, in one step, the
provincial draft — what it copies (the application, authors with their persons, participants,
attachments as new files), what it adds (the cơ sở decision and minutes as the attachments the
provincial track requires, the evidence of replication) and how the two dossiers link."""

import pytest
from django.http import Http404
from django.urls import reverse

from common.exceptions import Conflict
from initiatives.models import Initiative
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import TransitionLog
from workflow.promotion import initiative_promote

pytestmark = pytest.mark.django_db


def read(attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def test_promotion_copies_the_dossier_and_attaches_the_cơ_sở_decision(
    province, track, at_agency_state
):
    source = at_agency_state("recognized")
    first_file = source.attachments.create(
        kind="minh_chung", original_name="so-lieu.pdf", content_type="application/pdf",
        size=0, uploaded_by=province.staff,
    )  # fmt: skip
    first_file.file.save("so-lieu.pdf", __import__("io").BytesIO(b"%PDF-1.7 so lieu"), save=True)

    draft = initiative_promote(initiative=source, actor=province.staff)

    source.refresh_from_db()
    assert (draft.level, draft.status, draft.agency_id) == ("provincial", "draft", source.agency_id)
    assert draft.promoted_from == source and source.promoted_to == draft
    assert (draft.title, draft.description) == (source.title, source.description)
    assert [(a.full_name, a.contribution_percent, a.person_id) for a in draft.authors.all()] == [
        (a.full_name, a.contribution_percent, a.person_id) for a in source.authors.all()
    ]
    copied = draft.attachments.get(original_name="so-lieu.pdf")
    assert copied.file.name != first_file.file.name and read(copied) == read(first_file)
    decision = draft.attachments.get(kind="quyet_dinh_co_so")
    assert (
        read(decision).startswith(b"%PDF")
        and source.decision_number.replace("/", "-") in decision.original_name
    )
    assert draft.attachments.filter(kind="bien_ban_co_so").exists()
    assert draft.promotion_evidence["applied"] >= 1
    assert draft.promotion_evidence["comparable"] >= 1
    promote = TransitionLog.objects.get(initiative=source, transition="promote")
    assert (promote.actor, promote.data["promoted_to"]) == (province.staff, draft.pk)
    # The draft meets the provincial track's condition: its cơ sở decision is attached.
    services.initiative_submit(initiative=draft, actor=province.staff)
    assert Initiative.objects.get(pk=draft.pk).status == "department_review"


def test_an_initiative_is_proposed_once(province, track, at_agency_state):
    source = at_agency_state("recognized")
    initiative_promote(initiative=source, actor=province.staff)
    with pytest.raises(Conflict):
        initiative_promote(initiative=source, actor=province.head)
    assert Initiative.objects.filter(promoted_from=source).count() == 1


@pytest.mark.parametrize("state", ["awaiting_decision", "rejected"])
def test_only_a_recognized_cơ_sở_initiative_is_proposed(province, track, at_agency_state, state):
    source = at_agency_state(state)
    with nothing_changes(source), pytest.raises(Conflict):
        initiative_promote(initiative=source, actor=province.staff)
    assert not Initiative.objects.filter(promoted_from=source).exists()


def test_a_provincial_dossier_is_not_proposed_again(province, at_state):
    source = at_state("recognized")
    with pytest.raises(Conflict):
        initiative_promote(initiative=source, actor=province.staff)


@pytest.mark.parametrize("who", ["other_staff", "reviewer", "leader", "outsider"])
def test_nobody_outside_the_agency_proposes_or_even_finds_it(province, track, at_agency_state, who):
    source = at_agency_state("recognized")
    with pytest.raises(Http404):
        initiative_promote(initiative=source, actor=getattr(province, who))
    assert not Initiative.objects.filter(promoted_from=source).exists()


def test_the_api_and_the_pages_link_the_two_dossiers(client, api, province, track, at_agency_state):
    source = at_agency_state("recognized")
    url = f"/api/v1/initiatives/{source.pk}/promote/"
    assert api(province.reviewer).post(url).status_code == 404
    created = api(province.staff).post(url)
    assert created.status_code == 201, created.data
    assert (created.data["level"], created.data["promoted_from"]) == ("provincial", source.pk)
    assert api(province.staff).post(url).status_code == 409
    assert (
        api(province.staff).post("/api/v1/initiatives/99999999999999999999/promote/").status_code
        == 404
    )
    detail = api(province.staff).get(f"/api/v1/initiatives/{source.pk}/")
    assert detail.data["promoted_to"] == created.data["id"]

    client.force_login(province.staff)
    page = client.get(reverse("workflow:detail", args=[source.pk])).content.decode()
    assert reverse("workflow:detail", args=[created.data["id"]]) in page
    assert 'id="promote-button"' not in page  # done once
    draft_page = client.get(reverse("workflow:detail", args=[created.data["id"]])).content.decode()
    assert reverse("workflow:detail", args=[source.pk]) in draft_page
    assert 'id="replication-evidence"' in draft_page


def test_the_web_promotion_confirms_then_opens_the_draft(client, province, track, at_agency_state):
    source = at_agency_state("recognized")
    client.force_login(province.head)
    page = client.get(reverse("workflow:detail", args=[source.pk])).content.decode()
    assert 'id="promote-button"' in page
    url = reverse("workflow:promote", args=[source.pk])
    assert 'id="promotion-confirm"' in client.get(url).content.decode()
    assert not Initiative.objects.filter(promoted_from=source).exists()  # GET changes nothing

    response = client.post(url)

    draft = Initiative.objects.get(promoted_from=source)
    assert response.status_code == 302 and response.url == reverse(
        "initiatives:edit", args=[draft.pk]
    )
    again = client.post(url, follow=True)
    assert Initiative.objects.filter(promoted_from=source).count() == 1
    assert "đã được đề nghị" in again.content.decode()

"""The agency's own (cơ sở) track (issue 13): the same state machine, with the agency's initiative
secretary checking, its own council scoring and its head deciding. Each transition at that level
for the right actor, the wrong actor (the province's reviewer or leader, another agency's
secretary, the applicant's staff), the wrong state and unmet conditions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from agencies.models import Role
from common.exceptions import Conflict
from initiatives.models import Initiative
from initiatives.services import initiative_create
from tests.conftest import make_draft, make_user, today
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db


def roles_on_timeline(initiative) -> dict[str, str]:
    logs = TransitionLog.objects.filter(initiative=initiative)
    return {log.transition: log.role for log in logs}


def recognize(initiative, actor, **overrides):
    values = dict(decision_number="07/QĐ-STP", decision_date=today(), signer_name="Trần Văn Hùng",
                  signer_authority="director")  # fmt: skip
    return services.initiative_recognize(initiative=initiative, actor=actor, **values | overrides)


def test_a_draft_of_an_agency_running_its_track_is_at_agency_level(province, track):
    data = {"title": "Số hoá sổ hộ tịch"}
    assert initiative_create(actor=province.staff, data=data).level == "agency"
    chosen = initiative_create(actor=province.staff, data=data, level="provincial")
    assert chosen.level == "provincial"
    # An agency without the track files to the province as before, and cannot ask for cơ sở.
    assert initiative_create(actor=province.other_staff, data=data).level == "provincial"
    with pytest.raises(ValidationError) as refused:
        initiative_create(actor=province.other_staff, data=data, level="agency")
    assert "cấp cơ sở" in str(refused.value.message_dict["level"])


def test_the_whole_agency_level_lifecycle(province, track, at_agency_state):
    # Submitted without any cơ sở decision attached: this dossier is how it comes about.
    initiative = at_agency_state("recognized")

    assert (initiative.status, initiative.scope) == ("recognized", "agency")
    assert initiative.signer_authority == "director"
    assert roles_on_timeline(initiative) == {
        "submit": "agency_staff",
        "accept": "initiative_secretary",
        "complete_scoring": "initiative_secretary",
        "recognize": "agency_head",
    }
    assert initiative.council_review.council == track.council
    # The agency's own people sit on its council: none recused for working there.
    assert not initiative.council_assignments.filter(recused=True).exists()


# Those who do not see the dossier at all get "not found" (never a hint it exists); the
# applicant's staff see it but may not act for the secretary.
REFUSED = {"reviewer": Http404, "other_secretary": Http404, "staff": PermissionDenied,
           "leader": Http404, "secretary": PermissionDenied}  # fmt: skip


@pytest.mark.parametrize("who", ["reviewer", "other_secretary", "staff"])
def test_only_the_agencys_secretary_accepts(province, track, at_agency_state, who):
    initiative = at_agency_state("department_review")
    actor = {
        "reviewer": province.reviewer,
        "other_secretary": make_user("secretary_phoyen", "Lý Thị Hoa",
                                     (Role.INITIATIVE_SECRETARY, province.phoyen)),
        "staff": province.staff,
    }[who]  # fmt: skip
    with nothing_changes(initiative), pytest.raises(REFUSED[who]):
        services.initiative_accept(initiative=initiative, actor=actor, council=track.council)
    services.initiative_accept(initiative=initiative, actor=track.secretary, council=track.council)
    assert Initiative.objects.get(pk=initiative.pk).status == "council_review"


def test_the_province_council_does_not_assess_a_cơ_sở_dossier(province, track, at_agency_state):
    initiative = at_agency_state("department_review")
    with nothing_changes(initiative), pytest.raises(ValidationError) as refused:
        services.initiative_accept(
            initiative=initiative, actor=track.secretary, council=province.council_body
        )
    assert "Sở Tư pháp" in str(refused.value.message_dict["council"])


def test_the_secretary_requests_revision_and_refuses(province, track, at_agency_state):
    initiative = at_agency_state("department_review")
    with pytest.raises(Http404):
        services.initiative_reject(initiative=initiative, actor=province.reviewer,
                                   grounds=["duplicate"], comment="Trùng.")  # fmt: skip
    services.initiative_reject(initiative=initiative, actor=track.secretary,
                               grounds=["duplicate"], comment="Trùng nội dung.")  # fmt: skip
    assert Initiative.objects.get(pk=initiative.pk).status == "refused"


@pytest.mark.parametrize("who", ["leader", "staff", "secretary"])
def test_only_the_agency_head_recognizes(province, track, at_agency_state, who):
    initiative = at_agency_state("awaiting_decision")
    actor = {"leader": province.leader, "staff": province.staff,
             "secretary": track.secretary}[who]  # fmt: skip
    with nothing_changes(initiative), pytest.raises(REFUSED[who]):
        recognize(initiative, actor)


def test_the_head_recognizes_at_agency_scope_only(province, track, at_agency_state):
    initiative = at_agency_state("awaiting_decision")
    with nothing_changes(initiative), pytest.raises(ValidationError) as refused:
        recognize(initiative, track.head, scope="provincial")
    assert "scope" in refused.value.message_dict
    recognized = recognize(initiative, track.head)
    assert recognized.scope == "agency"


def test_a_provincial_signature_block_fits_a_provincial_dossier_only(province, at_state):
    initiative = at_state("awaiting_decision")
    with nothing_changes(initiative), pytest.raises(ValidationError) as refused:
        recognize(initiative, province.leader, signer_authority="director")
    assert "signer_authority" in refused.value.message_dict


def test_the_head_declines_and_wrong_state_is_a_conflict(province, track, at_agency_state):
    initiative = at_agency_state("council_review")
    with nothing_changes(initiative), pytest.raises(Conflict):
        recognize(initiative, track.head)
    initiative = at_agency_state("awaiting_decision")
    services.initiative_decline(initiative=initiative, actor=track.head,
                                comment="Chưa chứng minh hiệu quả.")  # fmt: skip
    assert Initiative.objects.get(pk=initiative.pk).status == "rejected"


def test_the_agency_head_appeals_and_the_secretary_resolves_a_refusal(
    province, track, at_agency_state
):
    initiative = at_agency_state("appeal_review")
    with pytest.raises(Http404):
        services.initiative_resolve_appeal(initiative=initiative, actor=province.reviewer,
                                           outcome="granted", comment="Chấp nhận.")  # fmt: skip
    services.initiative_resolve_appeal(
        initiative=initiative, actor=track.secretary, outcome="granted", comment="Chấp nhận."
    )
    assert Initiative.objects.get(pk=initiative.pk).status == "department_review"


def test_a_provincial_dossier_still_needs_its_cơ_sở_decision(province, track):
    draft = make_draft(province, level="provincial", agency_decision=False)
    with nothing_changes(draft), pytest.raises(ValidationError) as refused:
        services.initiative_submit(initiative=draft, actor=province.staff)
    assert "attachments" in refused.value.message_dict


def test_a_cơ_sở_recognition_counts_on_the_authors_record_at_that_level(
    province, track, at_agency_state, api
):
    from agencies.models import Person

    initiative = at_agency_state("recognized")
    lan = Person.objects.create(full_name="Nguyễn Thị Lan", agency=province.stp)
    initiative.authors.filter(full_name="Nguyễn Thị Lan").update(person=lan)

    url = f"/api/v1/persons/{lan.pk}/recognitions/"
    found = api(province.staff).get(url, {"level": "agency"}).data["results"]
    assert [(r["initiative"]["title"], r["level"]) for r in found] == [(initiative.title, "agency")]
    assert api(province.staff).get(url, {"level": "provincial"}).data["results"] == []


def test_an_agency_takes_its_own_dossiers_all_year_in_rounds_mode(province, track, settings):
    settings.ROUNDS_MODE = "rounds"  # no round is open: provincial dossiers wait for one
    provincial = make_draft(province, level="provincial")
    with nothing_changes(provincial), pytest.raises(ValidationError):
        services.initiative_submit(initiative=provincial, actor=province.staff)
    own = make_draft(province, level="agency", agency_decision=False)
    services.initiative_submit(initiative=own, actor=province.staff)
    assert Initiative.objects.get(pk=own.pk).status == "department_review"

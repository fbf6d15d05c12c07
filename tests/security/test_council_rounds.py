"""Audit finding 1: an earlier council round (the dossier sent back during scoring, then
accepted again) must not leak through the history API to the agency or to other members."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from workflow.models import EarlierCouncilRound, EarlierScoreSheet, TransitionLog

pytestmark = pytest.mark.django_db

SECRET_COMMENT = "Ý kiến riêng của thành viên: trùng lặp với sáng kiến năm trước"
SHEET = "/api/v1/initiatives/{}/scoresheet/"


def _sent_back_and_accepted_again(initiative, province, api):
    """council1 scores and comments; the reviewer sends the dossier back; it is accepted again."""
    scores = {"novelty": 31, "applicability": 21, "benefit": 19}
    body = {"scores": scores, "vote": "disagree", "comment": SECRET_COMMENT, "submit": True}
    saved = api(province.council[0]).put(SHEET.format(initiative.pk), body, format="json")
    assert saved.status_code == 200, saved.data
    base = f"/api/v1/initiatives/{initiative.pk}/transitions"
    reviewer = api(province.reviewer)
    sent_back = reviewer.post(f"{base}/request_revision/", {"comment": "Bổ sung."}, format="json")
    assert sent_back.status_code == 200
    assert api(province.staff).post(f"{base}/resubmit/", {}, format="json").status_code == 200
    members = {"council": province.council_body.pk}
    assert reviewer.post(f"{base}/accept/", members, format="json").status_code == 200


def test_the_earlier_round_is_kept_as_rows_of_its_own(at_state, province, api):
    initiative = at_state("council_review")
    _sent_back_and_accepted_again(initiative, province, api)

    earlier = EarlierCouncilRound.objects.get(initiative=initiative)
    assert earlier.number == 1 and earlier.ended_at and earlier.rubric is not None
    sheet = EarlierScoreSheet.objects.get(round=earlier, member=province.council[0])
    assert (sheet.vote, sheet.comment, sheet.scores["novelty"]) == (
        "disagree",
        SECRET_COMMENT,
        "31",
    )
    assert sheet.submitted_at is not None
    # Never folded into the audit trail.
    for log in TransitionLog.objects.filter(initiative=initiative):
        assert "previous_council" not in log.data
        assert SECRET_COMMENT not in str(log.data)
    # The new round starts with empty sheets.
    fresh = api(province.council[0]).get(SHEET.format(initiative.pk)).data
    assert fresh["locked"] is False and fresh["scores"] == {}


@pytest.mark.parametrize("who", ["staff", "head", "council2"])
def test_history_never_shows_an_earlier_round(who, at_state, province, api):
    initiative = at_state("council_review")
    _sent_back_and_accepted_again(initiative, province, api)
    user = province.council[1] if who == "council2" else getattr(province, who)

    response = api(user).get(f"/api/v1/initiatives/{initiative.pk}/history/")

    assert response.status_code == 200
    body = response.content.decode()
    assert SECRET_COMMENT not in body
    assert "previous_council" not in body and '"31' not in body


def test_history_details_depend_on_who_asks(at_state, province, api):
    initiative = at_state("council_review")
    _sent_back_and_accepted_again(initiative, province, api)
    url = f"/api/v1/initiatives/{initiative.pk}/history/"

    def accept_details(user):
        entries = api(user).get(url).data
        return next(e["data"] for e in entries if e["transition"] == "accept")

    member_ids = sorted(m.pk for m in province.council)
    assert sorted(accept_details(province.reviewer)["council_members"]) == member_ids
    assert sorted(accept_details(province.council[1])["council_members"]) == member_ids
    council = {"id": province.council_body.pk, "name": province.council_body.name}
    assert accept_details(province.reviewer)["council"] == council
    # The agency is told the dossier was accepted, not who sits on the council.
    assert accept_details(province.staff) == {}
    revision = next(
        e for e in api(province.staff).get(url).data if e["transition"] == "request_revision"
    )
    assert revision["data"]["reply_due"]  # the agency must know its reply deadline


@pytest.mark.parametrize(("who", "sees"), [("reviewer", True), ("leader", True),
                                          ("staff", False), ("council2", False)])  # fmt: skip
def test_earlier_rounds_on_the_dossier_page_for_reviewers_and_leaders_only(
    who, sees, client, at_state, province, api
):
    initiative = at_state("council_review")
    _sent_back_and_accepted_again(initiative, province, api)
    client.force_login(province.council[1] if who == "council2" else getattr(province, who))

    page = client.get(reverse("workflow:detail", args=[initiative.pk])).content.decode()

    assert ('id="earlier-rounds"' in page) is sees
    assert (SECRET_COMMENT in page) is sees


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_rounds_out_of_old_log_entries(at_state, province):
    """Rows written by the earlier version kept the round in the accept entry's data. Go back
    to that version's schema, write such a row, and migrate forward as an upgrade would."""
    initiative = at_state("council_review")
    leaked = {
        "council_members": [m.pk for m in province.council],
        "previous_council": [
            {"member": "council1", "recused": False, "scores": {"novelty": "12"},
             "vote": "agree", "comment": SECRET_COMMENT, "submitted_at": None},
        ],
    }  # fmt: skip
    before = [("workflow", "0004_reminders")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("workflow")
    executor.migrate(before)
    old_log = executor.loader.project_state(before).apps.get_model("workflow", "TransitionLog")
    log = old_log.objects.create(
        initiative_id=initiative.pk, transition="accept", source="department_review",
        target="council_review", data=leaked,
    )  # fmt: skip

    MigrationExecutor(connection).migrate(latest)

    log = TransitionLog.objects.get(pk=log.pk)
    assert log.data == {"council_members": leaked["council_members"]}
    sheet = EarlierScoreSheet.objects.get(round__initiative=initiative)
    assert (sheet.member, sheet.comment, sheet.vote) == (
        province.council[0],
        SECRET_COMMENT,
        "agree",
    )

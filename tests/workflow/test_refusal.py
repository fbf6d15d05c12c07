"""Three different "no"s (DESIGN.md §5 v2): the reviewer's refusal of the application on formal
grounds and the scheduler's expiry end in `refused`; the leader's decline stays `rejected`."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from common.exceptions import Conflict
from initiatives.models import Initiative, Status
from notifications.models import Notification
from tests.unchanged import nothing_changes
from workflow import services
from workflow.models import TransitionLog
from workflow.refusal import RefusalGround
from workflow.views import timeline

pytestmark = pytest.mark.django_db

GROUNDS = ["not_a_solution", "duplicate"]
REASON = "Đơn trùng với đơn số 12 đã nộp; nội dung là công cụ báo cáo, không phải giải pháp."


def refuse(initiative, actor, **kwargs):
    return services.initiative_reject(
        initiative=initiative, actor=actor, **({"grounds": GROUNDS, "comment": REASON} | kwargs)
    )


def test_the_reviewer_refuses_the_application_on_formal_grounds(at_state, province):
    initiative = refuse(at_state("department_review"), province.reviewer)
    assert initiative.status == Status.REFUSED
    log = TransitionLog.objects.filter(initiative=initiative).latest("id")
    assert (log.transition, log.source, log.target) == ("reject", "department_review", "refused")
    assert log.data == {"grounds": GROUNDS} and log.comment == REASON


@pytest.mark.parametrize("who", ["staff", "head", "leader"])
def test_nobody_else_refuses_an_application(who, at_state, province):
    initiative = at_state("department_review")
    with nothing_changes(initiative), pytest.raises(PermissionDenied):
        refuse(initiative, getattr(province, who))


@pytest.mark.parametrize("state", ["revision_requested", "council_review", "awaiting_decision"])
def test_refusal_only_during_department_review(state, at_state, province):
    initiative = at_state(state)
    with nothing_changes(initiative), pytest.raises(Conflict):
        refuse(initiative, province.reviewer)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"grounds": []}, "grounds", "căn cứ từ chối"),
        ({"grounds": ["not_good_enough"]}, "grounds", "not_good_enough"),
        ({"comment": "  "}, "comment", "lý do"),
    ],
)
def test_unmet_conditions_are_named_in_vietnamese(kwargs, field, words, at_state, province):
    initiative = at_state("department_review")
    with (
        translation.override("vi"),
        nothing_changes(initiative),
        pytest.raises(ValidationError) as raised,
    ):
        refuse(initiative, province.reviewer, **kwargs)
    assert words in " ".join(raised.value.message_dict[field])


def test_no_ground_judges_merits():
    # NĐ 13 Điều 6: formal grounds only; novelty and benefit are for the council and leader.
    labels = " ".join(str(label).lower() for label in RefusalGround.labels)
    assert not any(word in labels for word in ("novel", "benefit", "effective", "score"))
    assert "other" in RefusalGround.values


def test_expire_ends_in_refused_and_decline_in_rejected(at_state, province):
    assert at_state("refused").status == Status.REFUSED
    declined = at_state("rejected")
    assert declined.status == Status.REJECTED
    assert TransitionLog.objects.filter(initiative=declined).latest("id").transition == "decline"


def test_the_timeline_and_the_notification_name_the_grounds(at_state, province):
    initiative = refuse(at_state("department_review"), province.reviewer)
    with translation.override("vi"):
        entry = timeline(Initiative.objects.get(pk=initiative.pk))[-1]
        assert [str(g) for g in entry["grounds"]] == [
            "Không phải là giải pháp theo Điều 3 Nghị định 13/2012/NĐ-CP",
            "Trùng với đơn đã nộp trước",
        ]
        assert str(entry["target"]) == "Từ chối chấp nhận đơn"
    note = Notification.objects.get(initiative=initiative, kind="reject", recipient=province.head)
    assert "từ chối chấp nhận" in note.message and "Trùng với đơn đã nộp trước" in note.message


def test_the_dossier_page_shows_the_grounds(at_state, province, client):
    initiative = refuse(at_state("department_review"), province.reviewer)
    client.force_login(province.staff)
    html = client.get(f"/initiatives/{initiative.pk}/", headers={"accept-language": "vi"})
    text = html.content.decode()
    assert "Trùng với đơn đã nộp trước" in text and "Từ chối chấp nhận đơn" in text


# --- The data migration ---------------------------------------------------------------------

migration = importlib.import_module("workflow.migrations.0008_refused_by_log")


def as_version_1(*initiatives):
    Initiative.objects.filter(pk__in=[i.pk for i in initiatives]).update(status="rejected")


def test_the_migration_moves_rows_by_their_last_log_entry(at_state, province):
    from workflow.tasks import expire_overdue_revisions

    refused = at_state("refused")
    expired = at_state("revision_requested")
    Initiative.objects.filter(pk=expired.pk).update(revision_due="2000-01-01")
    expire_overdue_revisions()
    declined = at_state("rejected")
    as_version_1(refused, expired)

    migration.refuse_by_log(apps, None)

    status = dict(Initiative.objects.values_list("pk", "status"))
    assert status[refused.pk] == status[expired.pk] == "refused"
    assert status[declined.pk] == "rejected"

    migration.back_to_rejected(apps, None)
    status = dict(Initiative.objects.values_list("pk", "status"))
    assert {status[refused.pk], status[expired.pk], status[declined.pk]} == {"rejected"}

"""Merging two persons who are the same human; recusal by identity, never by name."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from agencies.models import Person, PersonMergeLog
from agencies.person_services import person_merge
from initiatives.models import Author
from tests.conftest import make_draft
from workflow.selectors import recusal_reason

BORN = date(1979, 3, 8)


def _authored(province, person, title):
    initiative = make_draft(province, title=title, authors=[])
    Author.objects.create(
        initiative=initiative, full_name=person.full_name, person=person,
        contribution_percent=Decimal(100),
    )  # fmt: skip
    return initiative


@pytest.fixture
def pair(province):
    return make_pair(province)


def make_pair(province):
    """An author typed twice: with a birth date (kept) and without diacritics (dropped)."""
    keep = Person.objects.create(full_name="Nguyễn Văn An", birth_date=BORN, agency=province.stp)
    drop = Person.objects.create(full_name="Nguyen Van An", agency=province.stp)
    _authored(province, keep, "Sáng kiến thứ nhất")
    _authored(province, drop, "Sáng kiến thứ hai")
    _authored(province, drop, "Sáng kiến thứ ba")
    return keep, drop


def test_a_reviewer_merges_two_persons_and_every_authorship_moves(province, pair):
    keep, drop = pair
    log = person_merge(keep=keep, drop=drop, actor=province.reviewer)
    assert not Person.objects.filter(pk=drop.pk).exists()
    assert keep.authorships.count() == 3
    assert (log.actor, log.kept, log.dropped_id, log.authorships_moved) == (
        province.reviewer, keep, drop.pk, 2,
    )  # fmt: skip
    assert PersonMergeLog.objects.count() == 1


def test_the_kept_person_learns_what_only_the_dropped_one_knew(province):
    keep = Person.objects.create(full_name="Lê Thị Hoa", agency=province.stp)
    drop = Person.objects.create(
        full_name="Lê Thị Hoa", birth_date=BORN, agency=province.stp,
        civil_servant_code="CC-0042", user=province.council[0],
    )  # fmt: skip
    person_merge(keep=keep, drop=drop, actor=province.reviewer)
    keep.refresh_from_db()
    assert (keep.birth_date, keep.civil_servant_code, keep.user) == (
        BORN, "CC-0042", province.council[0],
    )  # fmt: skip


def test_different_birth_dates_are_never_merged(province, pair):
    keep, drop = pair
    drop.birth_date = date(1990, 1, 1)
    drop.save()
    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        person_merge(keep=keep, drop=drop, actor=province.reviewer)
    message = raised.value.message_dict["birth_date"][0]
    assert "ngày sinh" in message and "08/03/1979" in message and "01/01/1990" in message
    assert Person.objects.filter(pk=drop.pk).exists()
    assert drop.authorships.count() == 2
    assert not PersonMergeLog.objects.exists()


def test_only_a_reviewer_merges(province, pair):
    keep, drop = pair
    for someone in (province.staff, province.head, province.leader, province.council[0]):
        with pytest.raises(PermissionDenied):
            person_merge(keep=keep, drop=drop, actor=someone)
    assert Person.objects.count() == 2


def test_a_person_is_not_merged_with_itself(province, pair):
    keep, _drop = pair
    with pytest.raises(ValidationError):
        person_merge(keep=keep, drop=keep, actor=province.reviewer)


def test_the_admin_merge_action(client, province, pair, settings):
    keep, drop = pair
    admin = province.reviewer
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    url = reverse("admin:agencies_person_changelist")
    response = client.post(
        url, {"action": "merge_selected", "_selected_action": [keep.pk, drop.pk]}, follow=True
    )
    assert response.status_code == 200
    assert list(Person.objects.all()) == [keep]
    assert client.get(url, {"q": "nguyen van an"}).status_code == 200


# --- Recusal by identity -----------------------------------------------------------------------


def test_a_council_member_who_is_an_author_is_recused(province):
    member = province.council[2]  # works at another agency than the applicant
    person = Person.objects.create(full_name="Đỗ Quang Vinh", agency=province.stp, user=member)
    initiative = _authored(province, person, "Sáng kiến của một thành viên hội đồng")
    with translation.override("vi"):
        assert recusal_reason(initiative, member) == "Là tác giả của sáng kiến"


def test_a_namesake_of_an_author_is_not_recused(province):
    member = province.council[2]
    namesake = Person.objects.create(full_name=member.full_name, agency=province.stp)
    initiative = _authored(province, namesake, "Sáng kiến của người trùng tên")
    assert recusal_reason(initiative, member) == ""
    # Linked to another person (a namesake at another agency): still not recused.
    Person.objects.create(full_name=member.full_name, agency=province.vp, user=member)
    assert recusal_reason(initiative, member) == ""

"""Merging persons on the web: a reviewer sees the namesakes on a person's page, checks both
side by side, and confirms; a refusal is explained on the same page and changes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from agencies.models import Person, PersonMergeLog
from initiatives.models import Author
from tests.agencies.test_person_merge import make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(province):
    return make_pair(province)


def _merge_url(keep, drop):
    return reverse("initiatives:person_merge", args=[keep.pk, drop.pk])


def test_the_reviewer_sees_namesakes_with_a_merge_link(client, province, pair):
    keep, drop = pair
    Person.objects.create(full_name="Trần Thị Bình", agency=province.stp)  # not a namesake
    client.force_login(province.reviewer)
    page = client.get(reverse("initiatives:person", args=[keep.pk])).content.decode()
    assert 'id="duplicates"' in page
    assert _merge_url(keep, drop) in page
    assert "Trần Thị Bình" not in page


@pytest.mark.parametrize("who", ["staff", "head", "leader", "outsider"])
def test_only_reviewers_see_and_open_the_merge(client, province, pair, who):
    keep, drop = pair
    client.force_login(getattr(province, who))
    page = client.get(reverse("initiatives:person", args=[keep.pk])).content.decode()
    assert 'id="duplicates"' not in page
    assert client.get(_merge_url(keep, drop)).status_code == 403
    assert client.post(_merge_url(keep, drop)).status_code == 403
    assert Person.objects.count() == 2


def test_the_reviewer_confirms_and_every_authorship_moves(client, province, pair):
    keep, drop = pair
    client.force_login(province.reviewer)
    summary = client.get(_merge_url(keep, drop)).content.decode()
    assert "Nguyen Van An" in summary and "08/03/1979" in summary
    assert 'id="merge-form"' in summary
    assert Person.objects.count() == 2  # opening the page merges nothing
    response = client.post(_merge_url(keep, drop), follow=True)
    assert response.redirect_chain[-1][0] == reverse("initiatives:person", args=[keep.pk])
    told = [str(message) for message in response.context["messages"]]
    assert len(told) == 1 and "Nguyen Van An" in told[0] and "2" in told[0]
    assert Person.objects.count() == 1
    assert Author.objects.filter(person=keep).count() == 3
    log = PersonMergeLog.objects.get()
    assert (log.kept, log.dropped_name, log.actor) == (keep, "Nguyen Van An", province.reviewer)


def test_different_birth_dates_are_refused_on_the_page(client, province, pair):
    keep, drop = pair
    drop.birth_date = date(1980, 1, 1)
    drop.save()
    client.force_login(province.reviewer)
    response = client.post(_merge_url(keep, drop))
    page = response.content.decode()
    assert response.status_code == 200 and 'id="merge-errors"' in page
    assert "01/01/1980" in page and 'id="merge-form"' not in page
    assert Person.objects.count() == 2 and not PersonMergeLog.objects.exists()
    assert Author.objects.filter(person=drop).count() == 2


def test_persons_of_different_agencies_are_neither_offered_nor_merged(client, province, pair):
    keep, _drop = pair
    elsewhere = Person.objects.create(full_name="Nguyễn Văn An", agency=province.phoyen)
    client.force_login(province.reviewer)
    page = client.get(reverse("initiatives:person", args=[keep.pk])).content.decode()
    assert _merge_url(keep, elsewhere) not in page
    refused = client.post(_merge_url(keep, elsewhere)).content.decode()
    assert 'id="merge-errors"' in refused and Person.objects.filter(pk=elsewhere.pk).exists()


def test_an_unknown_person_is_404(client, province, pair):
    keep, _drop = pair
    client.force_login(province.reviewer)
    assert (
        client.get(reverse("initiatives:person_merge", args=[keep.pk, 999999])).status_code == 404
    )


def test_a_person_cannot_be_merged_with_itself(client, province, pair):
    keep, _drop = pair
    client.force_login(province.reviewer)
    page = client.post(_merge_url(keep, keep)).content.decode()
    assert 'id="merge-errors"' in page and Person.objects.filter(pk=keep.pk).exists()

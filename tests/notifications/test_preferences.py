"""The notification settings page (one channel per category of events) and the inbox around it."""

import re

import pytest

from notifications.models import Notification
from notifications.services import preferences_of
from tests.conftest import make_user
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
Status = Notification.EmailStatus
SETTINGS = "/notifications/settings/"


def checked(page) -> dict[str, str]:
    """The channel each radio group shows as chosen."""
    return dict(re.findall(r'name="(\w+)" value="(\w+)"[^>]*\bchecked\b', page))


def note_for(user, initiative):
    return Notification.objects.get(initiative=initiative, recipient=user)


def test_settings_page_needs_a_login(client):
    response = client.get(SETTINGS)
    assert response.status_code == 302 and "login" in response["Location"]


def test_settings_page_shows_one_radio_group_per_category(province, client):
    client.force_login(province.reviewer)
    page = client.get(SETTINGS).content.decode()
    for category in ("dossier", "rollout", "deadline"):
        assert page.count(f'name="{category}"') == 3  # immediate, digest, in-app
    assert checked(page) == {"dossier": "immediate", "rollout": "immediate",
                             "deadline": "immediate"}  # fmt: skip


def test_inbox_links_to_the_settings_page(province, client):
    client.force_login(province.reviewer)
    assert f'href="{SETTINGS}"' in client.get("/notifications/").content.decode()


def test_saved_preference_decides_the_channel_of_the_next_notification(province, client, at_state):
    client.force_login(province.reviewer)
    response = client.post(
        SETTINGS, {"dossier": "in_app", "rollout": "digest", "deadline": "immediate"}
    )
    assert response.status_code == 302 and response["Location"] == SETTINGS
    assert preferences_of(province.reviewer) == {
        "dossier": "in_app", "rollout": "digest", "deadline": "immediate"
    }  # fmt: skip

    initiative = at_state("department_review")
    assert note_for(province.reviewer, initiative).email_status == Status.SKIPPED
    assert note_for(province.head, initiative).email_status == Status.PENDING  # others unchanged

    page = client.get(SETTINGS).content.decode()
    assert checked(page) == {"dossier": "in_app", "rollout": "digest", "deadline": "immediate"}

    client.post(SETTINGS, {"dossier": "digest", "rollout": "digest", "deadline": "digest"})
    assert note_for(province.reviewer, at_state("department_review")).email_status == Status.DIGEST


def test_an_unknown_channel_is_refused_and_nothing_saved(province, client):
    client.force_login(province.reviewer)
    response = client.post(SETTINGS, {"dossier": "pigeon", "rollout": "digest"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"dossier", "deadline"}
    assert preferences_of(province.reviewer)["rollout"] == "immediate"


def test_a_user_without_email_is_told_so(province, client):
    province.head.email = ""
    province.head.save()
    client.force_login(province.head)
    assert 'class="alert alert-warning"' in client.get(SETTINGS).content.decode()


# --- The inbox: mark one read without leaving it -----------------------------------------------


def test_mark_one_read_stays_in_the_inbox(province, client, at_state):
    note = note_for(province.reviewer, at_state("department_review"))
    client.force_login(province.reviewer)
    page = client.get("/notifications/").content.decode()
    assert f'action="/notifications/{note.pk}/read/"' in page

    response = client.post(f"/notifications/{note.pk}/read/", {"next": "/notifications/?unread=1"})
    assert response.status_code == 302 and response["Location"] == "/notifications/?unread=1"
    note.refresh_from_db()
    assert note.read_at is not None
    assert (
        f'action="/notifications/{note.pk}/read/"'
        not in client.get("/notifications/").content.decode()
    )


def test_mark_read_never_redirects_elsewhere_nor_reads_others_notes(province, client, at_state):
    note = note_for(province.reviewer, at_state("department_review"))
    other = make_user("reviewer_b", "Đinh Văn Lộc", ("reviewer", province.skhcn))
    client.force_login(other)
    with nothing_changes(note):
        assert client.post(f"/notifications/{note.pk}/read/").status_code == 404

    client.force_login(province.reviewer)
    response = client.post(f"/notifications/{note.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notifications/"
    response = client.post("/notifications/read-all/", {"next": "/initiatives/"})
    assert response["Location"] == "/notifications/"


def test_inbox_shows_the_unread_count_and_the_deadline(province, client, at_state):
    initiative = at_state("department_review")
    client.force_login(province.reviewer)
    page = client.get("/notifications/").content.decode()
    assert 'id="inbox-unread"' in page
    assert initiative.review_due.strftime("%d/%m/%Y") in page  # the deadline badge's title

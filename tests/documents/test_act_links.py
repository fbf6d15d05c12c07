"""The e-mail announcing an act links to the documents the act issued."""

import pytest
from django.utils import translation

from documents import issuing
from notifications.emails import build_email
from notifications.models import Notification

from .conftest import act

pytestmark = pytest.mark.django_db


def email_to(user, initiative, kind):
    notification = Notification.objects.filter(
        recipient=user, initiative=initiative, kind=kind
    ).latest("id")
    email = build_email(notification)
    return email.body, email.alternatives[0][0]


def test_the_refusal_email_links_to_the_refusal_notice(at_state, province, settings):
    settings.SITE_URL = "https://sangkien.example.vn"
    initiative = at_state("refused")
    [notice] = issuing.issue_for_act(act(initiative, "reject").pk)
    province.staff.language = "vi"
    province.staff.save()

    text, html = email_to(province.staff, initiative, "reject")

    url = f"https://sangkien.example.vn/documents/{notice.pk}/download/"
    with translation.override("vi"):
        label = str(notice.get_kind_display())
    assert f"- {label} {notice.number} (PDF): {url}" in text
    assert f'href="{url}"' in html


def test_an_email_sent_before_the_document_is_issued_has_no_document_section(at_state, province):
    initiative = at_state("refused")

    text, _html = email_to(province.staff, initiative, "reject")

    assert "/download/" not in text

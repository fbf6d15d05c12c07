"""Shared by the registry's tests (tests/initiatives/test_registry.py, whose pages these are,
and tests/adoption/test_registry_adopt.py, whose applied counts and adopt box show on them):
a recognized initiative holding every kind of secret the registry must keep."""

from datetime import date

from django.conf import settings
from django.urls import reverse

from initiatives.models import Attachment, Author, Participant

REGISTRY = reverse("initiatives:registry")
API = "/api/v1/registry/"

SECRET = "ZX91-CONFIDENTIAL"
BIRTH = date(1979, 3, 14)
SECRET_FILE = "hop-dong-bi-mat-7731.pdf"
PUBLIC_FILE = "mo-ta-cong-khai.pdf"
# Every way a birth date could be printed: none may appear.
BIRTH_FORMS = ("14/03/1979", "1979-03-14", "14-03-1979", "14.03.1979", "1979")


def detail_url(initiative):
    return reverse("initiatives:registry_detail", args=[initiative.pk])


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def attach(initiative, name, *, confidential):
    return Attachment.objects.create(
        initiative=initiative,
        kind="minh_chung",
        file=f"attachments/{initiative.pk}/{name}",
        original_name=name,
        content_type="application/pdf",
        size=1234,
        confidential=confidential,
    )


def make_recognized(at_state):
    initiative = at_state(
        "recognized",
        confidential_info=f"Công thức tính phí nội bộ {SECRET}",
        description="Số hoá quy trình chứng thực, trả kết quả qua Cổng dịch vụ công.",
    )
    Author.objects.filter(initiative=initiative).update(
        birth_date=BIRTH, workplace="Phòng Hành chính tư pháp", position="Chuyên viên"
    )
    Participant.objects.create(initiative=initiative, full_name="Đào Văn Bảy", birth_date=BIRTH)
    attach(initiative, SECRET_FILE, confidential=True)
    attach(initiative, PUBLIC_FILE, confidential=False)
    return initiative


def assert_no_secret(text: str):
    assert SECRET not in text
    assert SECRET_FILE not in text
    for form in BIRTH_FORMS:
        assert form not in text, f"a birth date ({form}) leaked"

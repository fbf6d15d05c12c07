"""The dossier form's JavaScript in a real browser: rows added and removed, the live total,
an attachment uploaded without losing what is typed, the paper preview."""

import re
from datetime import date, timedelta

import pytest

from initiatives.models import Initiative
from tests.browser import screenshot
from tests.conftest import make_draft

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def fill_author(page, index, name, percent):
    page.locator(f'[name="authors-{index}-full_name"]').fill(name)
    page.locator(f'[name="authors-{index}-contribution_percent"]').fill(percent)


def total_text(page):
    return page.locator("[data-contribution-total]").inner_text()


def test_authors_rows_and_live_total(new_page, province):
    page = new_page(province.staff)
    page.goto("/initiatives/new/")
    page.locator('[name="title"]').fill("Một cửa điện tử liên thông")
    page.locator('[name="first_applied_on"]').fill((date.today() - timedelta(days=20)).isoformat())
    fill_author(page, 0, "Nguyễn Thị Lan", "60")
    assert "60" in total_text(page)
    page.locator('[data-formset="authors"] [data-formset-add]').click()
    fill_author(page, 1, "Trần Văn Hùng", "30")
    page.locator('[data-formset="authors"] [data-formset-add]').click()
    fill_author(page, 2, "Người sẽ bị xoá", "10")
    box = page.locator("[data-contribution-total]")
    assert "100" in total_text(page) and "bi-check-circle-fill" in box.locator("i").get_attribute(
        "class"
    )
    screenshot(page, "10-dossier-form-authors")
    # Removing a row takes it out of the total, and the numbering closes up.
    page.locator('[data-formset="authors"] [data-formset-row]').nth(2).locator(
        "[data-formset-remove]"
    ).click()
    assert "90" in total_text(page)
    assert "bi-exclamation-triangle-fill" in box.locator("i").get_attribute("class")
    page.locator('[data-formset="participants"] [data-formset-add]').click()
    page.locator('[name="participants-1-full_name"]').fill("Lê Thị Hoa")
    page.locator('[name="truthfulness_declared"]').check()
    page.locator('button[name="next"][value=""]').click()
    page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    initiative = Initiative.objects.get()
    assert [a.full_name for a in initiative.authors.all()] == ["Nguyễn Thị Lan", "Trần Văn Hùng"]
    assert [p.full_name for p in initiative.participants.all()] == ["Lê Thị Hoa"]


def test_upload_keeps_unsaved_typing_and_preview(new_page, province, tmp_path):
    draft = make_draft(province)
    page = new_page(province.staff)
    page.goto(f"/initiatives/{draft.pk}/edit/")
    page.locator('[name="title"]').fill("Tên đang gõ dở")
    bad = tmp_path / "virus.pdf"
    bad.write_bytes(b"MZ not a pdf")
    page.locator('#attachment-upload [name="file"]').set_input_files(str(bad))
    page.locator("#attachment-upload [type=submit]").click()
    page.locator("#attachments .invalid-feedback").wait_for()
    assert "virus.pdf" in page.locator("#attachments .invalid-feedback").inner_text()
    good = tmp_path / "bien-ban.pdf"
    good.write_bytes(PDF)
    page.locator('#attachment-upload [name="file"]').set_input_files(str(good))
    page.locator("#attachment-upload [type=submit]").click()
    page.locator("#attachment-list").get_by_role("link", name="bien-ban.pdf").wait_for()
    assert page.locator('[name="title"]').input_value() == "Tên đang gõ dở"
    screenshot(page, "11-dossier-edit-attachments")
    page.goto(f"/initiatives/{draft.pk}/preview/")
    assert page.locator(".paper-form #paper-authors").is_visible()
    screenshot(page, "12-dossier-preview")


def test_revision_request_beside_the_form_and_the_list(new_page, province, at_state):
    initiative = at_state("revision_requested")
    at_state("department_review", title="Liên thông khai sinh – thường trú – bảo hiểm y tế")
    page = new_page(province.staff)
    page.goto(f"/initiatives/{initiative.pk}/edit/")
    card = page.locator("#revision-request")
    assert "Bổ sung biên bản" in card.inner_text()
    form_box = page.locator("#dossier-form").bounding_box()
    assert card.bounding_box()["x"] > form_box["x"] + form_box["width"] - 1  # on the right
    screenshot(page, "13-dossier-revision-requested")
    phone = new_page(province.staff, width=375, height=740)
    phone.goto(f"/initiatives/{initiative.pk}/edit/")
    phone_card = phone.locator("#revision-request").bounding_box()
    assert phone_card["y"] < phone.locator("#dossier-form").bounding_box()["y"]  # stacked above
    screenshot(phone, "14-dossier-revision-requested-phone")
    page.goto("/initiatives/?q=lien thong")
    assert page.locator("#initiatives tbody tr").count() == 1
    screenshot(page, "15-dossier-list")

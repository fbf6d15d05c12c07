"""Small helpers shared by the end-to-end walks (tests/e2e/test_*.py)."""

import re
from datetime import date, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

# DESIGN.md §5: the Vietnamese label of each state, as the officials know them.
STATUS_VI = {
    "draft": "Bản nháp",
    "department_review": "Sở KH&CN xem xét đơn",
    "revision_requested": "Yêu cầu sửa đổi, bổ sung",
    "council_review": "Hội đồng sáng kiến đánh giá",
    "awaiting_decision": "Chờ UBND tỉnh quyết định",
    "recognized": "Đã công nhận",
    "rollout": "Đang nhân rộng",
    "closed": "Hoàn tất nhân rộng",
    "refused": "Từ chối chấp nhận đơn",
    "rejected": "Không công nhận",
    "appeal_review": "Đang giải quyết khiếu nại",
    "withdrawn": "Đã rút đơn",
}

# What each side of the process may do; the others must never see these buttons.
REVIEWER_ACTIONS = {"request_revision", "reject", "accept", "complete_scoring"}
LEADER_ACTIONS = {"recognize", "decline", "start_rollout", "close_rollout", "revoke"}
AGENCY_ACTIONS = {"submit", "resubmit", "withdraw", "appeal"}


def vi(message: str, **params) -> str:
    """The Vietnamese text of a UI message; fails when the catalogue leaves it in English."""
    with translation.override("vi"):
        text = gettext(message)
    assert text != message, f"not translated into Vietnamese: {message!r}"
    return text % params if params else text


def vi_lazy(lazy_text) -> str:
    """A lazily translated label (a model choice, a transition) in Vietnamese, not English."""
    with translation.override("vi"):
        text = str(lazy_text)
    with translation.override("en"):
        english = str(lazy_text)
    assert text != english, f"not translated into Vietnamese: {english!r}"
    return text


def vi_plural(singular: str, plural: str, n: int, **params) -> str:
    with translation.override("vi"):
        text = ngettext(singular, plural, n)
    assert text not in (singular, plural), f"not translated into Vietnamese: {plural!r}"
    return text % {"n": n, **params}


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def days_from_now(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def to_top(page) -> None:
    """Scroll up before a full-page screenshot, so sticky panels sit where a person sees them."""
    page.evaluate("window.scrollTo(0, 0)")


def actions(page) -> set[str]:
    """The transitions offered as buttons on a dossier page."""
    return set(
        page.locator("#actions [data-transition]").evaluate_all(
            "buttons => buttons.map(b => b.dataset.transition)"
        )
    )


def expect_status(page, status: str) -> None:
    """The dossier page shows the state in Vietnamese (DESIGN.md §5)."""
    expect(page.locator("#dossier-state .status-badge")).to_have_text(STATUS_VI[status])


def dossier_url(pk: int) -> re.Pattern:
    return re.compile(rf"/initiatives/{pk}/$")


def work_items(page, section: str):
    return page.locator(f"#work-{section} .work-item")


def all_work_items(page):
    return page.locator(".work-item")

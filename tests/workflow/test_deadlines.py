"""Deadlines as the regulations count them: working days skip weekends and Vietnamese public
holidays (Tết included), months clamp to the end of a shorter month, and a rule edited in the
admin changes the due dates of the transitions that follow."""

from datetime import date, timedelta

import holidays
import pytest

from common import clock
from workflow import deadlines, services
from workflow.deadlines import (
    Rule,
    add_working_days,
    days_left,
    due_date,
    is_working_day,
    soon_window_end,
    working_days_between,
)
from workflow.models import DeadlineRule

Stage = DeadlineRule.Stage


def test_a_weekend_is_not_counted():
    friday = date(2026, 11, 27)
    assert not is_working_day(date(2026, 11, 28)) and not is_working_day(date(2026, 11, 29))
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_working_days(friday, 5) == date(2026, 12, 4)  # the Friday after
    assert working_days_between(friday, date(2026, 12, 4)) == 5


def test_what_the_holiday_library_holds_for_tet():
    """holidays.VN (the maintained `holidays` library) lists Tết as the government gives it:
    - Tết 2026 (Bính Ngọ): Mon 16/02 – Fri 20/02; with the weekends on either side this is the
      official 9-day break 14/02 – 22/02/2026.
    - Tết 2027 (Đinh Mùi): Thu 04/02 (29 tháng Chạp) – Wed 10/02 (mùng 5); with Sat 6 and Sun 7
      this is 7 days off in a row. The government announces the exact 2027 break later; if it
      adds days the library does not hold yet, an upgrade of `holidays` brings them in (or a
      small admin-editable calendar would have to be added — not needed so far)."""
    tet_2027 = [date(2027, 2, 4) + timedelta(days=n) for n in range(7)]
    assert all(day in holidays.VN(years=2027) for day in tet_2027)
    assert [d for d in tet_2027 if is_working_day(d)] == []
    assert is_working_day(date(2027, 2, 3)) and is_working_day(date(2027, 2, 11))
    assert [d for d in (date(2026, 2, 16) + timedelta(days=n) for n in range(5))
            if is_working_day(d)] == []  # fmt: skip
    # Other public holidays count too: 2/9 National Day, 30/4 – 1/5.
    assert not is_working_day(date(2027, 9, 2)) and not is_working_day(date(2027, 4, 30))


def test_ten_working_days_across_tet_2027_land_after_the_break():
    # From Mon 01/02/2027: Tue 2, Wed 3 — Tết 4..10 — Thu 11, Fri 12, 15–19 Feb, Mon 22.
    assert add_working_days(date(2027, 2, 1), 10) == date(2027, 2, 22)
    # Without the holidays it would have been Mon 15/02.
    assert working_days_between(date(2027, 2, 1), date(2027, 2, 15)) == 5


@pytest.mark.django_db
def test_decision_three_months_clamps_to_the_end_of_february():
    assert due_date(Stage.DECISION, date(2026, 11, 30)) == date(2027, 2, 28)
    assert due_date(Stage.DECISION, date(2027, 11, 30)) == date(2028, 2, 29)  # leap year
    assert due_date(Stage.DECISION, date(2026, 12, 15)) == date(2027, 3, 15)


@pytest.mark.django_db
def test_months_are_calendar_months_even_if_the_rule_says_working_days():
    DeadlineRule.objects.filter(stage=Stage.DECISION).update(day_type="working")
    assert due_date(Stage.DECISION, date(2026, 11, 30)) == date(2027, 2, 28)


@pytest.mark.django_db
def test_seeded_rules_are_the_legal_defaults():
    rules = deadlines.rules()
    # NĐ 13/2012 Điều 6: the review takes 01 month from receipt (calendar months).
    assert rules[Stage.DEPARTMENT_REVIEW] == Rule(Stage.DEPARTMENT_REVIEW, 1, "months", "calendar")
    assert rules[Stage.REVISION_REPLY] == Rule(Stage.REVISION_REPLY, 1, "months", "calendar")
    assert rules[Stage.DECISION].unit == "months" and rules[Stage.DECISION].amount == 3
    assert {r.remind_days_before for r in rules.values()} == {5}
    assert due_date(Stage.DEPARTMENT_REVIEW, date(2027, 2, 1)) == date(2027, 3, 1)
    assert due_date(Stage.DEPARTMENT_REVIEW, date(2027, 1, 31)) == date(2027, 2, 28)


@pytest.mark.django_db
def test_a_missing_rule_falls_back_to_the_legal_default():
    DeadlineRule.objects.filter(stage=Stage.REVISION_REPLY).delete()
    assert deadlines.rules()[Stage.REVISION_REPLY] == Rule(
        Stage.REVISION_REPLY, 1, "months", "calendar", 5
    )
    assert due_date(Stage.REVISION_REPLY, date(2027, 2, 1)) == date(2027, 3, 1)


@pytest.mark.django_db
def test_a_rule_edited_to_working_days_changes_new_due_dates(province, draft, monkeypatch):
    DeadlineRule.objects.filter(stage=Stage.DEPARTMENT_REVIEW).update(
        amount=20, unit="days", day_type="working"
    )
    monkeypatch.setattr(clock, "today", lambda: date(2027, 2, 1))

    initiative = services.initiative_submit(initiative=draft, actor=province.staff)

    # 20 working days from Mon 01/02/2027, Tết skipped: Tue 2, Wed 3, Thu 11, Fri 12,
    # 15–19, 22–26 Feb, 1–5 Mar, Mon 8 Mar (30 calendar days would have been 03/03).
    assert initiative.review_due == date(2027, 3, 8)
    assert working_days_between(date(2027, 2, 1), initiative.review_due) == 20


def test_days_left_counts_as_the_stage_counts():
    working = Rule(Stage.DEPARTMENT_REVIEW, 20, "days", "working")
    calendar = Rule(Stage.DEPARTMENT_REVIEW, 30, "days", "calendar")
    months = Rule(Stage.DECISION, 3, "months", "working")
    friday, next_friday = date(2027, 1, 29), date(2027, 2, 12)
    assert days_left(calendar, friday, next_friday) == 14
    assert days_left(working, friday, next_friday) == 5  # 1, 2, 3, 11, 12 Feb
    assert days_left(months, friday, next_friday) == 14
    assert days_left(calendar, next_friday, friday) == -14


def test_the_reminder_window_ends_n_days_ahead_counted_like_the_stage():
    calendar = Rule(Stage.DEPARTMENT_REVIEW, 30, "days", "calendar", remind_days_before=5)
    working = Rule(Stage.DEPARTMENT_REVIEW, 20, "days", "working", remind_days_before=5)
    assert soon_window_end(calendar, date(2027, 1, 29)) == date(2027, 2, 3)
    # 5 working days ahead of Fri 29/01/2027 reach Fri 12/02 (Tết skipped); the weekend after
    # is still within 5 working days, Mon 15/02 is the 6th.
    assert soon_window_end(working, date(2027, 1, 29)) == date(2027, 2, 14)
    assert soon_window_end(working, date(2027, 1, 28)) == date(2027, 2, 11)

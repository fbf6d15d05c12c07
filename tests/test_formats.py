"""Dates read and print day first, numbers group thousands with a dot (DESIGN.md §8)."""

from datetime import date

from django import forms
from django.template import Context, Template
from django.utils import translation


class DateForm(forms.Form):
    day = forms.DateField()


def test_day_first_input_is_read_as_day_first():
    with translation.override("vi"):
        form = DateForm(data={"day": "05/03/2025"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == date(2025, 3, 5)


def test_dates_and_money_print_the_vietnamese_way():
    template = Template("{{ day|date:'SHORT_DATE_FORMAT' }} {{ money }}")
    with translation.override("vi"):
        text = template.render(Context({"day": date(2025, 3, 5), "money": 1500000}))
    assert text == "05/03/2025 1.500.000"

"""Dates, money and issuing bodies as NĐ 30/2020 writes them."""

from datetime import date

import pytest

from documents import wording


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (date(2027, 2, 5), "ngày 05 tháng 02 năm 2027"),
        (date(2027, 1, 31), "ngày 31 tháng 01 năm 2027"),
        (date(2027, 3, 9), "ngày 09 tháng 3 năm 2027"),
        (date(2027, 12, 15), "ngày 15 tháng 12 năm 2027"),
    ],
)
def test_days_below_10_and_months_1_and_2_take_a_leading_zero(value, words):
    assert wording.date_in_words(value) == words


def test_place_and_date_name_the_province(settings):
    assert wording.place_and_date(date(2027, 2, 5)) == "Thái Nguyên, ngày 05 tháng 02 năm 2027"
    settings.PROVINCE_NAME = "Bắc Kạn"
    assert wording.place_and_date(date(2027, 2, 5)).startswith("Bắc Kạn, ngày 05")


@pytest.mark.parametrize(
    ("amount", "text"),
    [(380_000_000, "380.000.000 đồng"), (0, "0 đồng"), (1_500, "1.500 đồng"), (None, "")],
)
def test_money_in_dong(amount, text):
    assert wording.vnd(amount) == text


def test_issuing_bodies_in_capitals(settings):
    assert wording.department_body() == {
        "parent": ["UBND TỈNH THÁI NGUYÊN"],
        "body": ["SỞ KHOA HỌC VÀ CÔNG NGHỆ"],
    }
    assert wording.province_committee() == {
        "parent": [],
        "body": ["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN"],
    }
    settings.DOCUMENT_PROVINCE_BODY = "Ủy ban nhân dân tỉnh Thái Nguyên"
    assert wording.province_body() == "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"

"""How an official document writes dates, money and the issuing bodies (NĐ 30/2020/NĐ-CP)."""

from datetime import date

from django.conf import settings

from common.text import nfc


def day_month(value: date) -> tuple[str, str]:
    """NĐ 30/2020 Phụ lục I: days below 10 and the months 1 and 2 take a leading zero
    ("ngày 05 tháng 02", "ngày 15 tháng 3")."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}", month


def date_in_words(value: date) -> str:
    """ "ngày 05 tháng 02 năm 2027"."""
    day, month = day_month(value)
    return f"ngày {day} tháng {month} năm {value.year}"


def place_and_date(value: date, place: str | None = None) -> str:
    """ "Thái Nguyên, ngày 05 tháng 02 năm 2027" (the place is the province's name)."""
    return nfc(f"{place or settings.PROVINCE_NAME}, {date_in_words(value)}")


def vnd(amount: int | None) -> str:
    """ "380.000.000 đồng": dots between thousands, whatever the active locale."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + " đồng"


def upper(text: str) -> str:
    return nfc(text).upper()


def province_body() -> str:
    """ "UBND TỈNH THÁI NGUYÊN" (the line above a department's name)."""
    return upper(settings.DOCUMENT_PROVINCE_BODY or f"UBND tỉnh {settings.PROVINCE_NAME}")


def province_committee() -> dict:
    """The committee itself as the issuing body, its name in bold on two lines: "ỦY BAN NHÂN
    DÂN" over "TỈNH THÁI NGUYÊN"."""
    return {"parent": [], "body": ["ỦY BAN NHÂN DÂN", upper(f"tỉnh {settings.PROVINCE_NAME}")]}


def department_body() -> dict:
    """A department as the issuing body: the committee's line (not bold), then its name (bold)."""
    return {"parent": [province_body()], "body": [upper(settings.DOCUMENT_DEPARTMENT_BODY)]}


def _committee_place(name: str) -> str:
    """ "phường Phổ Yên" for "UBND phường Phổ Yên" (a commune's or ward's committee), else ""."""
    for prefix in ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return ""


def agency_body(name: str) -> dict:
    """An agency recognizing at cơ sở level: a department under the committee's line; a
    commune's or ward's committee as a committee itself ("ỦY BAN NHÂN DÂN" over "PHƯỜNG PHỔ
    YÊN", NĐ 30/2020), with no line above it."""
    if place := _committee_place(name):
        return {"parent": [], "body": ["ỦY BAN NHÂN DÂN", upper(place)]}
    return {"parent": [province_body()], "body": [upper(name)]}


def head_title(name: str) -> str:
    """Who heads the agency in a sentence: "Chủ tịch Ủy ban nhân dân phường Phổ Yên", or
    "Thủ trưởng Sở Tư pháp"."""
    if place := _committee_place(name):
        return f"Chủ tịch Ủy ban nhân dân {place}"
    return f"Thủ trưởng {name}"


def is_agency_level(initiative) -> bool:
    """A dossier of an agency's own (cơ sở) track: its documents are the agency's."""
    return initiative.level == "agency" or initiative.scope == "agency"


def checking_office(initiative) -> dict:
    """Who receives and checks the application and signs its notices: the Department, or at
    cơ sở level the agency itself."""
    if is_agency_level(initiative):
        return agency_body(initiative.agency.name)
    return department_body()


def checking_office_name(initiative) -> str:
    if is_agency_level(initiative):
        return initiative.agency.name
    return settings.DOCUMENT_DEPARTMENT_BODY


def council_parent(council) -> str:
    """The line above a council's name: the committee's, or its agency's for a cơ sở council."""
    if council.body.kind == "provincial" and council.body.parent_id is None:
        return province_body()
    return upper(council.body.name)

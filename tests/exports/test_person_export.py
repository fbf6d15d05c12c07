"""The emulation office's export (kind "persons"): persons × recognized initiatives in a period,
filterable by agency and level, sorted by given name then family name, "Đ" after "D"."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import Person
from common.text import vi_name_sort_key
from exports.models import ExportJob
from initiatives.models import Author, Initiative, Status
from tests.conftest import make_draft
from tests.exports import test_exports as base
from tests.exports.test_exports import data_rows, header

eager, run_export = base.eager, base.run_export  # the fixtures of the other exports' tests

pytestmark = pytest.mark.django_db


def _recognized(province, person, decided, scope="provincial", title="Sáng kiến", percent=100):
    initiative = make_draft(province, title=title, authors=[])
    Author.objects.create(initiative=initiative, full_name=person.full_name, person=person,
                          contribution_percent=Decimal(percent))  # fmt: skip
    # Fixture rows: the workflow's own tests drive dossiers to recognition.
    Initiative.objects.filter(pk=initiative.pk).update(
        status=Status.RECOGNIZED, decision_date=decided, decision_number=f"{initiative.pk}/QĐ",
        scope=scope, code=f"SK-{decided.year}-{initiative.pk:04d}",
    )  # fmt: skip
    return initiative


@pytest.fixture
def people(province):
    def person(name, agency=None, born=None):
        return Person.objects.create(full_name=name, agency=agency or province.stp, birth_date=born)

    dat = person("Đỗ Văn Đạt", born=date(1980, 1, 2))
    dung = person("Nguyễn Văn Dũng")
    an = person("Trần Thị An", agency=province.phoyen)
    duc = person("Bùi Minh Đức")
    anh = person("Lê Văn Anh")
    _recognized(province, dat, date(2024, 5, 1), title="Đạt 2024")
    _recognized(province, dat, date(2022, 5, 1), title="Đạt 2022")
    _recognized(province, dung, date(2025, 3, 1), title="Dũng 2025")
    _recognized(province, an, date(2025, 8, 1), scope="agency", title="An 2025")
    _recognized(province, duc, date(2026, 1, 5), title="Đức 2026")
    _recognized(province, anh, date(2019, 1, 5), title="Anh 2019")
    make_draft(province, title="Chưa công nhận", authors=[])  # never in the file
    return dat


def test_rows_sorted_by_given_name_with_d_stroke_after_d(province, people, run_export):
    _job, workbook = run_export(province.reviewer, "persons", {"from": "2020", "to": "2026"},
                                language="vi")  # fmt: skip
    sheet = workbook.active
    assert header(sheet)[:4] == ["STT", "Họ và tên", "Ngày tháng năm sinh", "Cơ quan, đơn vị"]
    rows = data_rows(sheet)
    assert [(r[0], r[1], r[5]) for r in rows] == [
        (1, "Trần Thị An", "An 2025"),
        (2, "Nguyễn Văn Dũng", "Dũng 2025"),
        (3, "Đỗ Văn Đạt", "Đạt 2022"),
        (4, "Đỗ Văn Đạt", "Đạt 2024"),
        (5, "Bùi Minh Đức", "Đức 2026"),
    ]
    dat = rows[2]
    assert dat[2].date() == date(1980, 1, 2) and dat[7] == 2022
    assert dat[6] == "Cấp tỉnh"


def test_filters_by_agency_level_and_years(province, people, run_export):
    _job, workbook = run_export(
        province.leader,
        "persons",
        {"level": "provincial", "from": "2024", "agency": province.stp.pk},
    )
    assert [r[5] for r in data_rows(workbook.active)] == ["Dũng 2025", "Đạt 2024", "Đức 2026"]


def test_only_reviewers_and_leaders_export_persons(client, province, people):
    for user in (province.staff, province.outsider, province.council[0]):
        client.force_login(user)
        assert client.post(reverse("exports:start", args=["persons"])).status_code == 403
    assert not ExportJob.objects.exists()


def test_vietnamese_name_order():
    names = ["Đỗ Đạt", "Vũ Dũng", "Lê Ánh", "Lý Ăn", "Trần An", "Phạm Anh", "Hà Ân", "Bùi Bình",
             "Ngô Ơn", "Mai Ôn", "Tạ On", "Võ Ưng", "Lò Ung"]  # fmt: skip
    assert sorted(names, key=vi_name_sort_key) == [
        "Trần An", "Phạm Anh", "Lê Ánh", "Lý Ăn", "Hà Ân", "Bùi Bình", "Vũ Dũng", "Đỗ Đạt",
        "Tạ On", "Mai Ôn", "Ngô Ơn", "Lò Ung", "Võ Ưng",
    ]  # fmt: skip

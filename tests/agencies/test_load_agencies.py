import unicodedata
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from agencies.models import Agency
from agencies.services import PROVINCE_FILES, agencies_load_csv

pytestmark = pytest.mark.django_db

HEADER = "code,name,short_name,kind,parent_code,source\n"


def load_province():
    out = StringIO()
    call_command("load_agencies", stdout=out)
    return out.getvalue()


def write_csv(tmp_path, body, name="agencies.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_loads_the_province_and_the_historical_districts():
    output = load_province()

    assert "119 created" in output
    assert Agency.objects.count() == 110 + 9
    assert Agency.objects.filter(is_active=True).count() == 110
    kinds = {kind: Agency.objects.filter(kind=kind).count() for kind in Agency.Kind.values}
    assert kinds == {
        "provincial": 2, "department": 15, "public_unit": 1, "commune": 92, "district": 9,
    }  # fmt: skip
    assert not Agency.objects.filter(kind="district", is_active=True).exists()


def test_parent_links():
    load_province()
    ubnd = Agency.objects.get(code="UBND-TINH")

    assert ubnd.parent is None
    assert ubnd.kind == "provincial"
    assert Agency.objects.get(code="TTPVHCC").parent.code == "VPUBND"
    for code in ("VPUBND", "STP", "SKHCN", "SNV", "UBND-PHOYEN", "UBND-TX-PHOYEN"):
        assert Agency.objects.get(code=code).parent == ubnd
    assert Agency.objects.filter(parent=ubnd).count() == 119 - 2  # all but itself and TTPVHCC


def test_names_and_codes_of_the_demo_agencies():
    load_province()
    names = dict(Agency.objects.values_list("code", "name"))

    assert names["STP"] == "Sở Tư pháp"
    assert names["SKHCN"] == "Sở Khoa học và Công nghệ"
    assert names["UBND-PHOYEN"] == "UBND phường Phổ Yên"
    assert names["UBND-TX-PHOYEN"] == "UBND thị xã Phổ Yên"
    # Two communes fold to the same letters; their codes tell them apart.
    assert names["UBND-VANLANG-NARI"] == "UBND xã Văn Lang"
    assert names["UBND-VANLANG-DONGHY"] == "UBND xã Văn Lăng"
    assert all(unicodedata.is_normalized("NFC", name) for name in names.values())


def test_running_twice_changes_nothing():
    load_province()
    before = list(Agency.objects.order_by("code").values())

    output = load_province()

    assert "0 created, 0 updated, 119 unchanged" in output
    assert list(Agency.objects.order_by("code").values()) == before


def test_the_districts_file_alone_is_refused_before_the_province():
    path, _active = PROVINCE_FILES[1]
    with pytest.raises(ValidationError, match="UBND-TINH"):
        agencies_load_csv(path, active=False)
    assert not Agency.objects.exists()


def test_updates_by_code_and_normalises_to_nfc(tmp_path):
    load_province()
    nfd = unicodedata.normalize("NFD", "Sở Tư pháp tỉnh Thái Nguyên")
    path = write_csv(tmp_path, f"STP,{nfd},Sở Tư pháp,department,UBND-TINH,\n")

    result = agencies_load_csv(path)

    agency = Agency.objects.get(code="STP")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert agency.name == "Sở Tư pháp tỉnh Thái Nguyên"
    assert unicodedata.is_normalized("NFC", agency.name)
    assert Agency.objects.count() == 119


def test_a_parent_may_come_later_in_the_file(tmp_path):
    path = write_csv(
        tmp_path,
        "CHILD,Phòng A,,department,ROOT,\nROOT,UBND tỉnh,,provincial,,\n",
    )

    agencies_load_csv(path)

    assert Agency.objects.get(code="CHILD").parent.code == "ROOT"


def test_inactive_flag(tmp_path):
    path = write_csv(tmp_path, "OLD,UBND huyện cũ,,district,,\n")

    agencies_load_csv(path, active=False)

    assert Agency.objects.get(code="OLD").is_active is False


@pytest.mark.parametrize(
    "body, message",
    [
        ("X,Tên,,planet,,\n", "unknown kind"),
        (",Tên,,department,,\n", "no code"),
        ("X,Tên,,department,NOWHERE,\n", "NOWHERE"),
        ("X,Tên,,department,,\nX,Tên khác,,department,,\n", "duplicate"),
    ],
)
def test_bad_files_are_refused_whole(tmp_path, body, message):
    path = write_csv(tmp_path, "GOOD,Cơ quan tốt,,department,,\n" + body)

    with pytest.raises(ValidationError, match=message):
        agencies_load_csv(path)
    assert not Agency.objects.exists()


def test_missing_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name\nX,Y\n", encoding="utf-8")

    with pytest.raises(ValidationError, match="kind"):
        agencies_load_csv(path)


def test_command_with_files_and_errors(tmp_path):
    path = write_csv(tmp_path, "OLD,UBND huyện cũ,,district,,\n")
    out = StringIO()

    call_command("load_agencies", str(path), "--inactive", stdout=out)

    assert "1 created" in out.getvalue()
    assert Agency.objects.get(code="OLD").is_active is False
    with pytest.raises(CommandError):
        call_command("load_agencies", str(tmp_path / "missing.csv"), stdout=StringIO())

"""The certificate (Giấy chứng nhận sáng kiến): one per author on recognition, also for each
dossier of a round decision; issued by a task once the decision commits, once per act."""

import hashlib

import pytest

from common import clock
from documents import issuing
from documents.builders import certificate_context
from documents.models import Document, DocumentKind
from documents.render import qr_data_uri
from documents.tasks import issue_act_documents
from documents.wording import date_in_words
from workflow.scenarios import STEPS, advance

from .conftest import act
from .helpers import embedded_fonts, is_a4, page_sizes, pdf_text

pytestmark = pytest.mark.django_db


def certificates(initiative):
    return list(
        Document.objects.filter(initiative=initiative, kind=DocumentKind.CERTIFICATE).order_by(
            "sequence"
        )
    )


def test_recognition_issues_one_certificate_per_author_on_commit(
    at_state, province, eager, django_capture_on_commit_callbacks
):
    initiative = at_state("awaiting_decision")
    with django_capture_on_commit_callbacks(execute=True):
        STEPS["recognize"](initiative, province.cast(), clock.today())
    initiative.refresh_from_db()

    docs = certificates(initiative)

    assert [d.author.full_name for d in docs] == ["Nguyễn Thị Lan", "Trần Văn Hùng"]
    assert [d.number for d in docs] == ["001/GCN-SKKN", "002/GCN-SKKN"]
    assert all(d.status == Document.Status.ISSUED and d.verification_code for d in docs)
    text = pdf_text(docs[0])
    for fixed in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH THÁI NGUYÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY CHỨNG NHẬN SÁNG KIẾN",
        "CHỨNG NHẬN",
        "Số: 001/GCN-SKKN",
        "Ông/Bà: Nguyễn Thị Lan",
        "Các đồng tác giả khác: Trần Văn Hùng",
        "phạm vi ảnh hưởng: cấp tỉnh",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        initiative.signer_name,
        initiative.title,
        f"Quyết định số {initiative.decision_number}",
        initiative.decision_date.strftime("%d/%m/%Y"),
        f"Thái Nguyên, {date_in_words(initiative.decision_date)}",
        f"Mã xác thực: {docs[0].verification_code}",
        f"http://127.0.0.1:8000/verify/{docs[0].verification_code}/",
    ):
        assert fixed in text, fixed
    assert any("Liberation-Serif" in name for name in embedded_fonts(docs[0]))
    assert all(is_a4(size) for size in page_sizes(docs[0]))


def test_the_qr_code_points_at_the_absolute_verification_url(at_state, settings):
    settings.SITE_URL = "https://sangkien.thainguyen.gov.vn"
    initiative = at_state("recognized")
    [first, _second] = issuing.issue_for_act(act(initiative, "recognize").pk)
    url = f"https://sangkien.thainguyen.gov.vn/verify/{first.verification_code}/"

    # The printed address (a long one wraps; extraction puts a space at the break).
    assert url in pdf_text(first).replace(" ", "")
    context = certificate_context(first, initiative=initiative, author=first.author)
    assert context["qr"] == qr_data_uri(url)
    assert context["qr"].startswith("data:image/svg+xml")


def test_running_the_task_again_issues_no_second_certificate(at_state):
    initiative = at_state("recognized")
    log = act(initiative, "recognize")

    assert issue_act_documents.apply(args=[log.pk]).get() == 2
    issue_act_documents.apply(args=[log.pk]).get()

    assert len(certificates(initiative)) == 2
    assert Document.objects.filter(kind=DocumentKind.CERTIFICATE).count() == 2


def test_a_task_for_an_act_that_no_longer_exists_does_nothing(db):
    assert issue_act_documents.apply(args=[10**9]).get() == 0


def test_acts_without_documents_issue_nothing(at_state):
    initiative = at_state("council_review")

    assert issuing.issue_for_act(act(initiative, "accept").pk) == []


def test_numbers_run_on_across_dossiers_without_gaps(at_state, province):
    from tests.conftest import make_draft

    first = at_state("recognized")
    second = advance(make_draft(province, title="Một cửa liên thông điện tử"), "recognized",
                     province.cast())  # fmt: skip

    issuing.issue_for_act(act(first, "recognize").pk)
    issuing.issue_for_act(act(second, "recognize").pk)

    numbers = sorted(Document.objects.filter(kind=DocumentKind.CERTIFICATE).values_list(
        "sequence", flat=True))  # fmt: skip
    assert numbers == [1, 2, 3, 4]


def test_the_stored_checksum_is_the_files(at_state):
    initiative = at_state("recognized")
    for document in issuing.issue_for_act(act(initiative, "recognize").pk):
        with document.file.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == document.sha256


def test_an_agency_level_recognition_is_granted_by_the_agencys_head(at_state):
    initiative = at_state("recognized")
    type(initiative).objects.filter(pk=initiative.pk).update(scope="agency", signer_authority="")

    first, _ = issuing.issue_for_act(act(initiative, "recognize").pk)

    text = pdf_text(first)
    assert "UBND TỈNH THÁI NGUYÊN SỞ TƯ PHÁP" in text
    assert "THỦ TRƯỞNG SỞ TƯ PHÁP" in text
    assert "phạm vi ảnh hưởng: cấp cơ sở" in text
    assert "của Thủ trưởng Sở Tư pháp" in text
    assert "ỦY BAN NHÂN DÂN TỈNH" not in text

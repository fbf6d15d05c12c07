"""Issued means immutable: a correction is a new version that supersedes the old; a revocation
of the recognition revokes its certificates at once."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from common import clock
from documents import builders, issuing
from documents.models import Document, DocumentKind
from documents.services import document_correct
from workflow.services import initiative_revoke

from .conftest import act, certificates_of
from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def stored_sha(document) -> str:
    with document.file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_a_correction_supersedes_and_leaves_the_issued_file_unchanged(at_state, province):
    initiative = at_state("recognized")
    first, _ = certificates_of(issuing.issue_for_act(act(initiative, "recognize").pk))
    checksum, path = first.sha256, first.file.name
    author = first.author
    author.full_name = "Nguyễn Thị Lan Anh"  # the name was misspelt on the certificate
    author.save()

    second = document_correct(
        document=first,
        build=builders.certificate_builder(initiative=initiative, author=author),
        issued_by=province.reviewer,
    )

    first.refresh_from_db()
    assert first.status == Document.Status.SUPERSEDED
    assert (first.sha256, first.file.name) == (checksum, path)
    assert stored_sha(first) == checksum  # the old file is still there, byte for byte
    assert "Ông/Bà: Nguyễn Thị Lan " in pdf_text(first)
    assert second.version == 2
    assert second.supersedes == first
    assert second.number == first.number
    assert second.status == Document.Status.ISSUED
    assert second.verification_code != first.verification_code
    assert "Ông/Bà: Nguyễn Thị Lan Anh" in pdf_text(second)
    assert stored_sha(second) == second.sha256 != checksum


def test_a_superseded_document_is_not_corrected_again(at_state):
    initiative = at_state("recognized")
    first, _ = certificates_of(issuing.issue_for_act(act(initiative, "recognize").pk))
    build = builders.certificate_builder(initiative=initiative, author=first.author)
    document_correct(document=first, build=build)

    with pytest.raises(ValueError):
        document_correct(document=first, build=build)
    assert Document.objects.filter(number=first.number).count() == 2


def test_issuing_the_act_again_after_a_correction_issues_nothing(at_state):
    initiative = at_state("recognized")
    log = act(initiative, "recognize")
    first, _ = certificates_of(issuing.issue_for_act(log.pk))
    build = builders.certificate_builder(initiative=initiative, author=first.author)
    second = document_correct(document=first, build=build)

    again = issuing.issue_for_act(log.pk)

    assert second.pk in [d.pk for d in again]
    assert Document.objects.filter(kind=DocumentKind.CERTIFICATE).count() == 3


def test_revoking_the_recognition_revokes_its_certificates_at_once(at_state, province):
    initiative = at_state("recognized")
    docs = issuing.issue_for_act(act(initiative, "recognize").pk)
    receipt = issuing.issue_for_act(act(initiative, "submit").pk)

    initiative_revoke(
        initiative=initiative,
        actor=province.leader,
        decision_number="77/QĐ-UBND",
        decision_date=clock.today(),
        comment="Sáng kiến trùng với giải pháp đã được công nhận trước đó.",
    )

    statuses = set(
        Document.objects.filter(pk__in=[d.pk for d in docs]).values_list("status", flat=True)
    )
    assert statuses == {Document.Status.REVOKED}
    assert Document.objects.get(pk=receipt[0].pk).status == Document.Status.ISSUED
    for document in docs:
        assert stored_sha(document) == document.sha256  # revoked, not rewritten


def test_certificates_issued_after_a_revocation_are_revoked(at_state, province):
    """The task ran late (a broker outage): the act happened, its certificates say revoked."""
    initiative = at_state("recognized")
    initiative_revoke(
        initiative=initiative,
        actor=province.leader,
        decision_number="77/QĐ-UBND",
        decision_date=clock.today(),
        comment="Sáng kiến trùng với giải pháp đã được công nhận trước đó.",
    )

    docs = certificates_of(issuing.issue_for_act(act(initiative, "recognize").pk))

    assert len(docs) == 2
    assert {d.status for d in Document.objects.filter(kind=DocumentKind.CERTIFICATE)} == {
        Document.Status.REVOKED
    }


def test_sweeper_finds_acts_whose_documents_were_never_issued(at_state):
    initiative = at_state("recognized")
    now = timezone.now()
    missing = issuing.issue_missing(now - timedelta(days=1), now + timedelta(minutes=1))
    assert set(missing) == {
        act(initiative, "submit").pk,
        act(initiative, "complete_scoring").pk,  # the minutes of the council's meeting
        act(initiative, "recognize").pk,
    }

    issuing.issue_for_act(act(initiative, "submit").pk)
    missing = issuing.issue_missing(now - timedelta(days=1), now + timedelta(minutes=1))
    assert set(missing) == {act(initiative, "complete_scoring").pk, act(initiative, "recognize").pk}

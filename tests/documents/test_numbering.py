"""Numbers per kind and year run from 1 without gaps, also when issued at the same moment from
several connections (PostgreSQL), and a failed issue gives its number back."""

import threading

import pytest
from django.db import connection, connections

from documents.models import Document, DocumentKind, NumberSequence
from documents.numbering import format_number
from documents.services import Rendered, document_issue
from tests.conftest import require_service


def plain(document) -> Rendered:
    """A stand-in builder: the numbering is under test, not the rendering."""
    return Rendered(b"%PDF-1.7\n%%EOF\n", Document.Format.PDF, f"Văn bản {document.number}")


def issue(key: str, kind=DocumentKind.CERTIFICATE, build=plain):
    return document_issue(kind=kind, act_key=key, build=build, verifiable=True)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "row locks are only meaningful on PostgreSQL")


def at_once(count, action):
    """Run action(index) from `count` threads released together, each on its own connection."""
    barrier = threading.Barrier(count)
    errors = []

    def run(index):
        try:
            barrier.wait()
            action(index)
        except Exception as exc:  # reported below, never swallowed
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_take_consecutive_numbers(postgres):
    at_once(8, lambda i: issue(f"test:{i}"))

    sequences = sorted(Document.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 9))
    assert NumberSequence.objects.get(kind=DocumentKind.CERTIFICATE).last == 8
    assert len(set(Document.objects.values_list("number", flat=True))) == 8


@pytest.mark.django_db(transaction=True)
def test_the_same_act_issued_at_once_from_two_connections_makes_one_document(postgres):
    at_once(4, lambda i: issue("test:same"))

    assert Document.objects.count() == 1
    assert NumberSequence.objects.get(kind=DocumentKind.CERTIFICATE).last == 1


@pytest.mark.django_db
def test_a_failed_issue_gives_its_number_back():
    def broken(document):
        raise RuntimeError("the renderer failed")

    issue("test:1")
    with pytest.raises(RuntimeError):
        issue("test:2", build=broken)
    third = issue("test:3")

    assert third.sequence == 2
    assert list(Document.objects.values_list("sequence", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_numbers_are_per_kind_and_formatted_as_configured(settings):
    settings.DOCUMENT_NUMBER_FORMATS = {
        **settings.DOCUMENT_NUMBER_FORMATS,
        "certificate": "{seq:02d}/{year}/GCN-UBND",
    }
    first = issue("test:1")
    notice = issue("test:1", kind=DocumentKind.REFUSAL_NOTICE)

    assert first.number == f"01/{first.year}/GCN-UBND"
    assert notice.sequence == 1
    assert format_number("unknown_kind", 7, 2027) == "7/2027"

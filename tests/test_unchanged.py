"""The helper of the refused-write tests (tests/unchanged.py) notices each kind of change."""

import pytest

from initiatives.models import Author, Initiative
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def test_nothing_done_passes(draft):
    with nothing_changes(draft, Author, Initiative.objects.all()):
        Initiative.objects.get(pk=draft.pk).save(update_fields=[])


def test_a_changed_field_of_a_watched_row_fails(draft):
    changed = r"initiatives.Initiative#\d+"
    with pytest.raises(AssertionError, match=changed), nothing_changes(draft):
        Initiative.objects.filter(pk=draft.pk).update(title="Khác")


def test_a_row_added_anywhere_fails(draft):
    with pytest.raises(AssertionError, match="initiatives_author"), nothing_changes():
        Author.objects.create(initiative=draft, full_name="Lê Văn C", contribution_percent=1)


def test_a_new_file_fails(settings):
    with pytest.raises(AssertionError, match="files"), nothing_changes():
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        (settings.MEDIA_ROOT / "x.pdf").write_bytes(b"%PDF")

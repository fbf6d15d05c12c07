"""The audit trail is append-only in the database: on PostgreSQL a trigger refuses UPDATE and
DELETE of transition-log rows whoever sends them (here raw SQL, as psql or a careless script
would), while new entries are still written. TRUNCATE — the test suite's flush, a restore into
a cleaned database — is not covered and keeps working. The ORM refuses bulk changes too.
"""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from tests.conftest import require_service
from workflow.models import TransitionLog

TABLE = "workflow_transitionlog"


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "the append-only trigger exists on PostgreSQL only")


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def refused(statement, params=()):
    """Run statement in its own savepoint; return the database's error message."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        sql(statement, params)
    return str(error.value)


def comments():
    return list(TransitionLog.objects.order_by("id").values_list("comment", flat=True))


@pytest.mark.django_db
def test_raw_update_and_delete_of_the_log_are_refused_and_insert_works(
    postgresql, at_state, province
):
    initiative = at_state("council_review")  # submit + accept: two entries
    before = comments()
    assert len(before) == 2
    first = TransitionLog.objects.order_by("id").first()

    message = refused(f"UPDATE {TABLE} SET comment = 'sửa lại' WHERE id = %s", [first.pk])
    assert "append-only" in message and "UPDATE" in message
    message = refused(f"DELETE FROM {TABLE} WHERE initiative_id = %s", [initiative.pk])
    assert "append-only" in message and "DELETE" in message
    assert comments() == before  # nothing changed

    inserted = sql(
        f"INSERT INTO {TABLE} (initiative_id, transition, source, target, actor_id, role,"
        " comment, data, created_at) VALUES (%s, 'note', 'council_review', 'council_review',"
        " %s, 'reviewer', 'Ghi chú bổ sung', '{}', now())",
        [initiative.pk, province.reviewer.pk],
    )
    assert inserted == 1
    assert comments() == [*before, "Ghi chú bổ sung"]


@pytest.mark.django_db
def test_the_orm_refuses_bulk_changes_of_the_log(at_state):
    at_state("department_review")
    with pytest.raises(ValueError, match="append-only"):
        TransitionLog.objects.update(comment="sửa lại")
    with pytest.raises(ValueError, match="append-only"):
        TransitionLog.objects.all().delete()
    assert TransitionLog.objects.filter(comment="sửa lại").count() == 0
    assert TransitionLog.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_log_and_the_migration_reverses(postgresql, at_state):
    at_state("department_review")
    assert TransitionLog.objects.count() == 1

    # Reversing the migration drops the trigger: the same UPDATE then goes through.
    call_command("migrate", "workflow", "0006", verbosity=0)
    try:
        assert sql(f"UPDATE {TABLE} SET comment = 'không còn bảo vệ'") == 1
    finally:
        call_command("migrate", "workflow", verbosity=0)
    assert "append-only" in refused(f"UPDATE {TABLE} SET comment = 'x'")

    # pytest-django's flush (TRUNCATE) is not a DELETE: it still empties the table.
    call_command("flush", interactive=False, verbosity=0)
    assert TransitionLog.objects.count() == 0

"""`manage.py backup` and `manage.py restore` round-trip the demo: after a backup, data is
changed and deleted, and the restore brings back every table (every model's, with the
tables Django creates for many-to-many fields and the history) row for row.

Transactional, on SQLite and on PostgreSQL: pg_dump reads committed data over its own
connection, and SQLite's backup API copies what is committed.
"""

import hashlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accounts.models import User
from centres.models import Centre
from meetings.models import Meeting
from surveys.models import Answer


def tables() -> dict[str, list[str]]:
    """Every table a model owns, with its columns in a fixed order."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        found[meta.db_table] = [meta.pk.column] + sorted(
            f.column for f in meta.local_concrete_fields if f.column != meta.pk.column
        )
    return found


def digest() -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a hash of all of them in primary-key order."""
    quote = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for table, columns in sorted(tables().items()):
            cursor.execute(
                f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)} "
                f"ORDER BY {quote(columns[0])}"
            )
            rows = cursor.fetchall()
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return result


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_after_changes_brings_back_every_table_row_for_row(tmp_path, demo):
    before = digest()
    assert sum(count for count, _hash in before.values()) > 500  # the demo, not an empty base
    backup = tmp_path / "frivillig.backup"
    call_command("backup", str(backup), stdout=StringIO())
    assert backup.stat().st_size > 0

    # A bad day: answers deleted, a centre renamed, a meeting gone with its agenda and
    # participants (a many-to-many table), a stranger added.
    Answer.objects.all().delete()
    Centre.objects.filter(slug="klyve").update(name="Feil navn")
    Meeting.objects.order_by("pk").first().delete()
    User.objects.create_user("inntrenger", password="x")
    changed = digest()
    assert {t for t in before if before[t] != changed[t]} >= {
        Answer._meta.db_table,
        Centre._meta.db_table,
        Meeting._meta.db_table,
        Meeting.centres.through._meta.db_table,
        User._meta.db_table,
    }

    call_command("restore", str(backup), "--noinput", stdout=StringIO())
    after = digest()
    differing = sorted(t for t in before if before[t] != after[t])
    assert not differing
    assert after == before
    rows = sum(count for count, _hash in after.values())
    print(
        f"\n[backup] {connection.vendor}: {len(after)} tables compared row for row "
        f"({rows} rows) after backup, changes and restore"
    )


@pytest.mark.django_db
def test_restore_asks_first_and_changes_nothing_without_a_yes(tmp_path, monkeypatch):
    User.objects.create_user("blir-staende", password="x")
    (tmp_path / "old.backup").write_bytes(b"not used")
    monkeypatch.setattr("builtins.input", lambda prompt: "nei")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(tmp_path / "old.backup"))
    assert User.objects.filter(username="blir-staende").exists()


def test_restore_refuses_a_file_that_is_not_there(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "mangler.backup"), "--noinput")

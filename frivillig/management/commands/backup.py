from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from frivillig.management import backup_db


class Command(BaseCommand):
    help = (
        "Writes the whole database to FILE: pg_dump's custom format on PostgreSQL, a "
        "consistent copy through SQLite's backup API on SQLite. Safe while the portal runs. "
        "Read it back with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *, file, database, **options):
        backup_db.backup(connections[database], file)
        self.stdout.write(f"Backed up the database to {file} ({file.stat().st_size} bytes).")

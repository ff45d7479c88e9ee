from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from frivillig.management import backup_db


class Command(BaseCommand):
    help = (
        "Replaces ALL data in the database with FILE, a file written by `manage.py backup` "
        "on the same kind of database. On PostgreSQL in one transaction: it is restored "
        "completely or not at all. Asks for confirmation unless --noinput."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *, file, database, interactive, **options):
        connection = connections[database]
        if interactive:
            answer = input(
                f"This replaces all data in the database {connection.settings_dict['NAME']!s} "
                f"with {file}. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        backup_db.restore(connection, file)
        # What the cache holds was made from the data just replaced (a restored survey
        # may come back with a results version it had before, with other answers).
        cache.clear()
        self.stdout.write(f"Restored the database from {file}.")

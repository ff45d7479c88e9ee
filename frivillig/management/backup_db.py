"""The database behind `manage.py backup` and `manage.py restore`.

PostgreSQL: pg_dump's custom format, restored with pg_restore in one transaction (all or
nothing), with the connection settings of the portal; the password travels in PGPASSWORD,
never on the command line. SQLite: SQLite's online backup API, which copies a consistent
snapshot while the server keeps running, and the same API back into the live database.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.core.management.base import CommandError


def _postgres(connection, program: str, arguments: list[str]) -> None:
    if shutil.which(program) is None:
        raise CommandError(f"{program} was not found; install the PostgreSQL client tools.")
    db = connection.settings_dict
    command = [program, "--no-password"]
    for flag, value in (("--host", db["HOST"]), ("--port", db["PORT"]), ("--username", db["USER"])):
        if value:
            command += [flag, str(value)]
    # Django's own psql client knows the connection's environment (PGPASSWORD, PGSSLMODE,
    # certificates, a service file); only the environment is taken from it.
    _args, env = connection.client.settings_to_cmd_args_env(db, [])
    result = subprocess.run(
        command + arguments,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"{program} failed:\n{result.stderr.strip()}")


def backup(connection, path: Path) -> None:
    if connection.vendor == "postgresql":
        _postgres(
            connection,
            "pg_dump",
            ["--format=custom", "--file", str(path), connection.settings_dict["NAME"]],
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        path.unlink(missing_ok=True)
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
    else:
        raise CommandError(f"No backup for the {connection.vendor} database.")


def restore(connection, path: Path) -> None:
    if not path.is_file():
        raise CommandError(f"{path} does not exist.")
    if connection.vendor == "postgresql":
        connection.close()  # hold no locks while the tables are replaced
        _postgres(
            connection,
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(path),
            ],
        )
    elif connection.vendor == "sqlite":
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise CommandError(f"{path} is not a sound SQLite database.")
            connection.ensure_connection()
            source.backup(connection.connection)
    else:
        raise CommandError(f"No restore for the {connection.vendor} database.")

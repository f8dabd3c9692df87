"""The database side of a backup: a copy of it, its figures, and putting a copy back.

PostgreSQL is copied by ``pg_dump --format=custom`` and put back by
``pg_restore``; the figures are counted in the very snapshot pg_dump copies
(``--snapshot``), so they match the dump even while the shop takes orders.
SQLite (the demo) is copied through sqlite3's backup API and counted on the copy.
Connection details reach the PostgreSQL tools through PG* environment
variables, never on their command line.
"""

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from django.db import connections

from .errors import BackupError
from .figures import applied_migrations, database_figures

Progress = Callable[[str], None]


def adapter_for(alias: str = "default"):
    """The adapter of the database ``alias``: PostgreSQL or SQLite."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        return PostgreSQL(connection)
    if connection.vendor == "sqlite":
        return SQLite(connection)
    raise BackupError("Backups handle PostgreSQL and SQLite, not " + connection.vendor + ".")


class Database:
    """What both adapters share: the tables of the live database and its figures."""

    dump_name = ""

    def __init__(self, connection):
        self.connection = connection

    def tables(self) -> list[str]:
        with self.connection.cursor() as cursor:
            return self.connection.introspection.table_names(cursor)

    def figures(self) -> dict:
        """Row counts and sums of the live database, as the manifest holds them."""
        with self.connection.cursor() as cursor:
            return database_figures(cursor, self.tables())

    def describe(self) -> str:
        return self.connection.vendor + " database " + str(self.connection.settings_dict["NAME"])


class PostgreSQL(Database):
    dump_name = "database.dump"

    def _environment(self) -> dict[str, str]:
        settings = self.connection.settings_dict
        values = {
            "PGHOST": settings.get("HOST") or "",
            "PGPORT": str(settings.get("PORT") or ""),
            "PGUSER": settings.get("USER") or "",
            "PGPASSWORD": settings.get("PASSWORD") or "",
            "PGDATABASE": settings["NAME"],
            "PGSSLMODE": settings.get("OPTIONS", {}).get("sslmode", ""),
        }
        return {**os.environ, **{key: value for key, value in values.items() if value}}

    def _tool(self, name: str) -> str:
        found = shutil.which(name)
        if not found:
            raise BackupError(
                name + " is not installed. Install the PostgreSQL client tools "
                "(apt-get install postgresql-client), of the server's major version or newer."
            )
        return found

    def _run(self, command: list[str], what: str) -> None:
        done = subprocess.run(command, env=self._environment(), capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError(what + " failed: " + done.stderr.strip())

    def server_version(self) -> str:
        with self.connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]

    def dump(self, target: Path, *, progress: Progress) -> dict:
        """pg_dump into ``target``; the figures and migrations of the same snapshot."""
        pg_dump = self._tool("pg_dump")
        # A connection of its own, whose snapshot pg_dump shares while it is open.
        raw = self.connection.get_new_connection(self.connection.get_connection_params())
        try:
            raw.autocommit = False
            with raw.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                progress("pg_dump --format=custom ...")
                self._run([pg_dump, "--format=custom", "--snapshot=" + snapshot,
                           "--file=" + str(target)], "pg_dump")
                progress("Counting the rows of each table ...")
                tables = self.connection.introspection.table_names(cursor)
                figures = database_figures(cursor, tables)
                figures["migrations"] = applied_migrations(cursor)
        finally:
            raw.rollback()
            raw.close()
        return figures

    def restore(self, source: Path, *, replace: bool, progress: Progress) -> None:
        """pg_restore ``source`` into this database (``replace``: drop what the dump holds first)."""
        command = [self._tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                   "--dbname=" + self.connection.settings_dict["NAME"]]
        if replace:
            command += ["--clean", "--if-exists"]
        self.connection.close()
        progress("pg_restore ...")
        self._run(command + [str(source)], "pg_restore")

    def how_to_empty(self) -> str:
        name = self.connection.settings_dict["NAME"]
        return ("Restore into a new, empty database: dropdb " + name + " && createdb " + name
                + " (or CREATE DATABASE in psql, then point DATABASE_URL at it)")


class SQLite(Database):
    dump_name = "database.sqlite3"

    def server_version(self) -> str:
        return sqlite3.sqlite_version

    def _live(self) -> sqlite3.Connection:
        """The sqlite3 connection Django holds (the file, or the tests' in-memory database)."""
        self.connection.ensure_connection()
        return self.connection.connection

    def dump(self, target: Path, *, progress: Progress) -> dict:
        """A copy of the database in ``target`` (sqlite3 backup API); the figures of the copy."""
        copy = sqlite3.connect(target)
        try:
            def report(status, remaining, total):
                progress("SQLite: " + str(total - remaining) + "/" + str(total) + " pages copied")

            self._live().backup(copy, pages=1024, progress=report)
            cursor = copy.cursor()
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            figures = database_figures(cursor, [row[0] for row in cursor.fetchall()])
            figures["migrations"] = applied_migrations(cursor)
        finally:
            copy.close()
        return figures

    def restore(self, source: Path, *, replace: bool, progress: Progress) -> None:
        """Copy ``source`` over this database, through the same backup API."""
        progress("SQLite: copying the database back ...")
        copy = sqlite3.connect(source)
        try:
            copy.backup(self._live())
        finally:
            copy.close()

    def how_to_empty(self) -> str:
        return ("Restore into an empty database: move " + str(self.connection.settings_dict["NAME"])
                + " aside first")

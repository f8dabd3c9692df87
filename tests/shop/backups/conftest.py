"""What the backup tests share: archives made by the command, and a new empty database.

``empty_database`` is a database of the suite's vendor that nothing has touched:
on PostgreSQL a new database on the same server (dropped afterwards), on SQLite
a new file. ``restore_into`` runs ``manage.py restore`` in a process of its own
pointed at it, as an operator would.
"""

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

ROOT = Path(settings.BASE_DIR)


@dataclass
class Database:
    url: str
    connect: object  # () -> DB-API connection


def _postgres_connect(settings_dict, name):
    import psycopg2

    def connect():
        return psycopg2.connect(dbname=name, user=settings_dict["USER"], host=settings_dict["HOST"] or None,
                                port=settings_dict["PORT"] or None, password=settings_dict["PASSWORD"] or None)
    return connect


def _postgres_url(settings_dict, name):
    credentials = settings_dict["USER"] + (":" + settings_dict["PASSWORD"] if settings_dict["PASSWORD"] else "")
    address = (settings_dict["HOST"] or "localhost") + ":" + str(settings_dict["PORT"] or 5432)
    return "postgres://" + credentials + "@" + address + "/" + name


DATA_MIGRATIONS = [("phone_orders.migrations.0002_phone_desk_role", "create_role"),
                   ("shop.order.migrations.0023_order_placed_event_type", "create")]


@pytest.fixture
def rows_of_the_data_migrations(transactional_db):
    """The rows data migrations made (the phone desk group...), which an earlier
    transactional test's flush deleted; the demo needs them."""
    from importlib import import_module

    from django.apps import apps

    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)


def needs_pg_tools():
    import shutil

    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump/pg_restore are not installed (apt-get install postgresql-client)")


@pytest.fixture
def empty_database(tmp_path):
    """A new empty database of the suite's vendor."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield Database(url="sqlite:///" + str(path), connect=lambda: sqlite3.connect(path))
        return
    needs_pg_tools()
    settings_dict = connection.settings_dict
    name = settings_dict["NAME"] + "_restored"
    admin = _postgres_connect(settings_dict, "postgres")()
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute('DROP DATABASE IF EXISTS "' + name + '"')
        cursor.execute('CREATE DATABASE "' + name + '"')
    try:
        yield Database(url=_postgres_url(settings_dict, name), connect=_postgres_connect(settings_dict, name))
    finally:
        with admin.cursor() as cursor:
            cursor.execute('DROP DATABASE IF EXISTS "' + name + '" WITH (FORCE)')
        admin.close()


def this_database() -> Database:
    """The suite's own database, read through a DB-API connection of its own."""
    if connection.vendor == "sqlite":
        return Database(url="", connect=lambda: _SharedSqlite(connection))
    settings_dict = connection.settings_dict
    return Database(url="", connect=_postgres_connect(settings_dict, settings_dict["NAME"]))


class _SharedSqlite:
    """The tests' in-memory SQLite database, through Django's own sqlite3 connection."""

    def __init__(self, django_connection):
        django_connection.ensure_connection()
        self.raw = django_connection.connection

    def cursor(self):
        return self.raw.cursor()

    def close(self):
        pass


def restore_into(database: Database, archive: Path, *, media_root: Path, passphrase="", extra=()):
    """``manage.py restore archive`` into ``database`` in a process of its own."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"REDIS_URL", "CACHE_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="shop.settings.test", DATABASE_URL=database.url,
                       MEDIA_ROOT=str(media_root), BACKUP_PASSPHRASE=passphrase)
    return subprocess.run([sys.executable, "manage.py", "restore", str(archive), *extra], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)


def backup(folder: Path, **options) -> Path:
    """``manage.py backup`` into ``folder``; the archive it wrote."""
    out = StringIO()
    call_command("backup", output_dir=folder, stdout=out, **options)
    line = [text for text in out.getvalue().splitlines() if text.startswith("Backup written: ")][-1]
    return Path(line.removeprefix("Backup written: ").split(" (")[0])

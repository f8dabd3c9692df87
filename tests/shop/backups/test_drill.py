"""The restore drill: the demo shop backed up, restored into a new database, found the same.

The demo data and demo orders are loaded and committed, ``manage.py backup``
archives them, and ``manage.py restore`` (a process of its own, as an operator
runs it) puts the archive into a database nothing has touched. Both databases
are then read directly: the same rows in every table, the same order totals, the
same ledger sums per seller, the same media files.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from oscar.core.loading import get_model

from shop.ledger.models import LedgerEntry
from tests.shop.backups.conftest import backup, needs_pg_tools, restore_into, this_database

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True)


def load_the_demo():
    for command in ("load_demo", "load_demo_services", "load_demo_rentals", "load_demo_orders"):
        call_command(command, stdout=StringIO())


def tables(cursor, vendor) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return sorted(row[0] for row in cursor.fetchall())


def snapshot(database, vendor) -> dict:
    """Rows per table, each order's totals and the ledger's sums per seller and kind."""
    db = database.connect()
    try:
        cursor = db.cursor()
        counts = {}
        for table in tables(cursor, vendor):
            cursor.execute('SELECT COUNT(*) FROM "' + table + '"')
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT number, total_incl_tax, total_excl_tax, shipping_incl_tax FROM "
                       + Order._meta.db_table + " ORDER BY number")
        orders = cursor.fetchall()
        cursor.execute("SELECT seller_id, kind, SUM(amount), COUNT(*) FROM " + LedgerEntry._meta.db_table
                       + " GROUP BY seller_id, kind ORDER BY seller_id, kind")
        ledger = cursor.fetchall()
    finally:
        db.close()
    return {"row_counts": counts, "orders": orders, "ledger": ledger}


def files_under(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_the_demo_shop_comes_back_the_same_in_a_new_database(rows_of_the_data_migrations, empty_database,
                                                            settings, tmp_path):
    needs_pg_tools()
    load_the_demo()
    before = snapshot(this_database(), connection.vendor)
    assert len(before["orders"]) >= 10 and before["ledger"], "the demo must have orders and ledger rows"

    archive = backup(tmp_path / "backups")
    restored_media = tmp_path / "restored-media"
    done = restore_into(empty_database, archive, media_root=restored_media)

    assert done.returncode == 0, done.stderr + done.stdout
    assert "Same row counts in all" in done.stdout
    after = snapshot(empty_database, connection.vendor)
    assert after["row_counts"] == before["row_counts"]
    assert after["orders"] == before["orders"]
    assert after["ledger"] == before["ledger"]
    assert files_under(restored_media) == files_under(Path(settings.MEDIA_ROOT))
    assert files_under(restored_media), "the demo's product pictures are media files"

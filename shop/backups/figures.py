"""The figures a restore is checked against: rows per table and sums of the money columns.

They are read through a plain DB-API cursor, so the same code counts the live
PostgreSQL database (inside the snapshot pg_dump copies), the SQLite copy of a
backup and a freshly restored database. Every decimal column of every model is
summed (order totals, ledger amounts, balances...), so a restore that lost or
altered money shows here.
"""

from decimal import Decimal

from django.apps import apps
from django.db import models

CENT = Decimal("0.01")


def decimal_columns() -> dict[str, list[str]]:
    """The decimal columns of the project's models, by table."""
    columns: dict[str, list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DecimalField):
                columns.setdefault(model._meta.db_table, []).append(field.column)
    return columns


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _as_text(value) -> str:
    """A sum as text to the cent, alike on PostgreSQL (numeric) and SQLite (float)."""
    return str(Decimal(str(value or 0)).quantize(CENT))


def database_figures(cursor, tables: list[str]) -> dict:
    """``{"row_counts": {table: n}, "sums": {"table.column": "12.34"}}`` of ``tables``."""
    money = decimal_columns()
    counts, sums = {}, {}
    for table in sorted(tables):
        summed = money.get(table, [])
        selects = ["COUNT(*)"] + ["SUM(" + _quote(column) + ")" for column in summed]
        cursor.execute("SELECT " + ", ".join(selects) + " FROM " + _quote(table))
        row = cursor.fetchone()
        counts[table] = row[0]
        for column, value in zip(summed, row[1:], strict=True):
            sums[table + "." + column] = _as_text(value)
    return {"row_counts": counts, "sums": sums}


def applied_migrations(cursor) -> dict[str, list[str]]:
    """The migrations recorded in ``django_migrations``, by app."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def differences(expected: dict, found: dict) -> list[tuple[str, str, str]]:
    """``(what, expected, found)`` for each count or sum that is not the same."""
    rows = []
    for key in ("row_counts", "sums"):
        wanted, got = expected.get(key, {}), found.get(key, {})
        for name in sorted(set(wanted) | set(got)):
            if wanted.get(name) != got.get(name):
                rows.append((name, str(wanted.get(name, "-")), str(got.get(name, "-"))))
    return rows

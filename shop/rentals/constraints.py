"""An exclusion constraint that exists on PostgreSQL only.

Reservations of one unit must never overlap. PostgreSQL enforces that with an
``EXCLUDE USING gist`` constraint over ``(unit_id, daterange)`` (``btree_gist``
gives GiST the integer equality it needs). SQLite, the embedded default, has
no such constraint: there the service check is the only guard.

Rather than leave the constraint out of the model (and let the model state and
the database drift apart), the model declares it in ``Meta.constraints`` with
this subclass, which produces no SQL and validates nothing on any other
database. Django's schema editor skips a constraint whose SQL is ``None`` (when
creating a table, when SQLite rebuilds one, and in ``add_constraint`` /
``remove_constraint``), so one migration serves both databases, and
``makemigrations`` sees the model and the migrations agree.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func


class DateRange(Func):
    """``DATERANGE(lower, upper, bounds)`` — a PostgreSQL date range from two date columns."""

    function = "DATERANGE"
    output_field = DateRangeField()


class PostgresOnlyExclusionConstraint(ExclusionConstraint):
    """``ExclusionConstraint`` on PostgreSQL; nothing at all on any other database."""

    @staticmethod
    def _applies(connection):
        return connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        if not self._applies(schema_editor.connection):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if not self._applies(schema_editor.connection):
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if not self._applies(schema_editor.connection):
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if self._applies(connections[using]):
            super().validate(model, instance, exclude=exclude, using=using)

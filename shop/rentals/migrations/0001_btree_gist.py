"""The btree_gist extension, which the reservations' exclusion constraint needs.

``BtreeGistExtension`` does nothing on a database other than PostgreSQL, so this
migration is a no-op on the embedded SQLite default.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [BtreeGistExtension()]

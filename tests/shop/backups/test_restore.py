"""``manage.py restore``: only a whole archive, only with its passphrase, only into an empty database."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from oscar.core.loading import get_model

from tests.factories import UserFactory
from tests.shop.backups.conftest import backup, needs_pg_tools

User = get_model("accounts", "User")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _pg_tools():
    needs_pg_tools()


def restore(archive: Path, **options) -> str:
    out = StringIO()
    call_command("restore", str(archive), stdout=out, **options)
    return out.getvalue()


class TestARestore:
    def test_brings_back_an_encrypted_archive_with_its_passphrase(self, tmp_path, settings):
        settings.BACKUP_PASSPHRASE = "correct horse battery staple"
        UserFactory(email="marie@example.org")
        archive = backup(tmp_path)
        User.objects.all().delete()

        out = restore(archive, force=True)

        assert User.objects.filter(email="marie@example.org").exists()
        assert "Same row counts in all" in out

    def test_refuses_a_wrong_passphrase_and_leaves_the_database_alone(self, tmp_path, settings):
        settings.BACKUP_PASSPHRASE = "correct horse battery staple"
        archive = backup(tmp_path)
        UserFactory(email="after@example.org")
        settings.BACKUP_PASSPHRASE = "wrong"

        with pytest.raises(CommandError, match="Check that BACKUP_PASSPHRASE is the passphrase"):
            restore(archive, force=True)
        assert User.objects.filter(email="after@example.org").exists()

    def test_asks_for_the_passphrase_of_an_encrypted_archive(self, tmp_path, settings):
        settings.BACKUP_PASSPHRASE = "correct horse battery staple"
        archive = backup(tmp_path)
        settings.BACKUP_PASSPHRASE = ""

        with pytest.raises(CommandError, match="is encrypted. Set BACKUP_PASSPHRASE"):
            restore(archive, force=True)

    def test_refuses_a_damaged_archive_by_its_checksum(self, tmp_path):
        archive = backup(tmp_path)
        data = bytearray(archive.read_bytes())
        data[len(data) // 2] ^= 0xFF
        archive.write_bytes(bytes(data))

        with pytest.raises(CommandError, match="does not match its checksum"):
            restore(archive, force=True)

    def test_refuses_an_archive_without_its_checksum_and_says_what_to_do(self, tmp_path):
        archive = backup(tmp_path)
        (tmp_path / (archive.name + ".sha256")).unlink()

        with pytest.raises(CommandError, match="Copy it next to the archive, or pass --skip-checksum"):
            restore(archive, force=True)

    def test_refuses_a_database_that_already_has_tables_and_says_how_to_empty_one(self, tmp_path):
        archive = backup(tmp_path)
        UserFactory(email="after@example.org")
        how = "createdb" if connection.vendor == "postgresql" else "aside"

        with pytest.raises(CommandError, match="already has .* tables.*" + how + ".*--force"):
            restore(archive)
        assert User.objects.filter(email="after@example.org").exists()

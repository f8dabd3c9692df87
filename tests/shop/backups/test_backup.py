"""``manage.py backup``: a dated archive with its checksum, encrypted on request, the newest kept."""

import hashlib
import json
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import UserFactory
from tests.shop.backups.conftest import backup, needs_pg_tools

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _pg_tools():
    needs_pg_tools()


@pytest.fixture
def picture(settings):
    path = Path(settings.MEDIA_ROOT) / "images" / "backup-test.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not really a jpeg")
    yield path
    path.unlink()


class TestABackup:
    def test_is_a_dated_archive_of_the_database_and_the_media_with_its_checksum(self, tmp_path, picture):
        UserFactory.create_batch(3)
        archive = backup(tmp_path)

        assert archive.name.startswith("comptoir-20260820-1400") and archive.name.endswith(".tar")
        digest, name = (tmp_path / (archive.name + ".sha256")).read_text().split()
        assert name == archive.name and digest == hashlib.sha256(archive.read_bytes()).hexdigest()
        assert archive.stat().st_mode & 0o077 == 0, "personal data: the archive is its owner's only"
        with tarfile.open(archive) as tar:
            names = tar.getnames()
            manifest = json.load(tar.extractfile("manifest.json"))
        dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
        assert names[:2] == ["manifest.json", dump]
        assert "media/images/backup-test.jpg" in names
        assert manifest["row_counts"]["accounts_user"] == 3
        assert manifest["database"]["vendor"] == connection.vendor
        assert "0001_initial" in manifest["migrations"]["accounts"]
        assert "order_order.total_incl_tax" in manifest["sums"]

    def test_is_encrypted_with_the_passphrase_when_one_is_set(self, tmp_path, settings):
        settings.BACKUP_PASSPHRASE = "correct horse battery staple"
        archive = backup(tmp_path)

        assert archive.name.endswith(".tar.gpg")
        assert not tarfile.is_tarfile(archive)
        assert b"manifest.json" not in archive.read_bytes()
        assert (tmp_path / (archive.name + ".sha256")).exists()

    def test_keeps_only_the_newest_archives(self, tmp_path, clock):
        made = []
        for hours in range(3):
            if hours:
                clock.shift(timedelta(hours=1))
            made.append(backup(tmp_path, keep=2))

        kept = sorted(path.name for path in tmp_path.iterdir())
        assert kept == sorted([made[1].name, made[1].name + ".sha256",
                               made[2].name, made[2].name + ".sha256"])


def test_a_linked_media_file_comes_back_as_the_file_it_points_to(tmp_path):
    """Oscar links its "missing image" into the media folder, to a static file outside it."""
    from shop.backups.archive import media_extract, tar_write

    outside = tmp_path / "static" / "image-a-venir.jpg"
    outside.parent.mkdir()
    outside.write_bytes(b"\xff\xd8 a picture")
    media = tmp_path / "media"
    media.mkdir()
    (media / "image-a-venir.jpg").symlink_to(outside)
    database = tmp_path / "db.dump"
    database.write_bytes(b"dump")

    archive = tmp_path / "comptoir.tar"
    tar_write(archive, manifest={}, database=database, media_root=media, progress=lambda line: None)
    restored = tmp_path / "restored"
    with tarfile.open(archive) as tar:
        assert media_extract(tar, restored) == 1

    copy = restored / "image-a-venir.jpg"
    assert not copy.is_symlink() and copy.read_bytes() == b"\xff\xd8 a picture"


def test_a_link_already_where_a_file_comes_back_is_replaced_by_the_file(tmp_path):
    from shop.backups.archive import media_extract, tar_write

    media = tmp_path / "media"
    media.mkdir()
    (media / "image-a-venir.jpg").write_bytes(b"the backed-up picture")
    database = tmp_path / "db.dump"
    database.write_bytes(b"dump")
    archive = tmp_path / "comptoir.tar"
    tar_write(archive, manifest={}, database=database, media_root=media, progress=lambda line: None)

    outside = tmp_path / "static.jpg"
    outside.write_bytes(b"a static file, left alone")
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "image-a-venir.jpg").symlink_to(outside)  # made by Oscar since
    with tarfile.open(archive) as tar:
        assert media_extract(tar, restored) == 1

    assert not (restored / "image-a-venir.jpg").is_symlink()
    assert (restored / "image-a-venir.jpg").read_bytes() == b"the backed-up picture"
    assert outside.read_bytes() == b"a static file, left alone"

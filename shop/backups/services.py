"""Making a backup archive and restoring one (``manage.py backup`` / ``manage.py restore``)."""

import platform
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from shop import clock

from . import archive, gpg
from .databases import Progress, adapter_for
from .errors import BackupError
from .figures import differences

FORMAT = 1


@dataclass(frozen=True)
class BackupMade:
    path: Path
    checksum: Path
    manifest: dict
    pruned: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Restored:
    manifest: dict
    media_files: int
    differences: list[tuple[str, str, str]]
    pending_migrations: list[str]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def _manifest(*, figures: dict, database, media_count: int) -> dict:
    return {
        "format": FORMAT,
        "created_at": clock.now().isoformat(),
        "database": {"vendor": database.connection.vendor, "version": database.server_version()},
        "versions": {
            "comptoir": _version("comptoir"),
            "django": _version("django"),
            "django-oscar": _version("django-oscar"),
            "python": platform.python_version(),
        },
        "migrations": figures.pop("migrations"),
        "media_files": media_count,
        **figures,
    }


def backup_create(*, output_dir: Path, keep: int, passphrase: str = "",
                  progress: Progress = lambda message: None) -> BackupMade:
    """Copy the database and the media files into a new dated archive, then prune old ones."""
    output_dir.mkdir(parents=True, exist_ok=True)
    name = archive.archive_name(clock.now(), encrypted=bool(passphrase))
    if (output_dir / name).exists():
        raise BackupError(str(output_dir / name) + " already exists; wait a second and run the backup again.")
    database = adapter_for()
    media_root = Path(settings.MEDIA_ROOT)
    work = Path(tempfile.mkdtemp(prefix=".incomplete-", dir=output_dir))
    try:
        progress("Copying the " + database.describe() + " ...")
        dump = work / database.dump_name
        figures = database.dump(dump, progress=progress)
        manifest = _manifest(figures=figures, database=database,
                             media_count=len(archive.media_files(media_root)))
        made = work / "archive.tar"
        progress("Writing the archive with the media files of " + str(media_root) + " ...")
        archive.tar_write(made, manifest=manifest, database=dump, media_root=media_root,
                          progress=progress)
        if passphrase:
            progress("Encrypting (gpg, AES256) ...")
            gpg.encrypt(made, work / name, passphrase=passphrase)
            made = work / name
        checksum = archive.checksum_write(archive=made, digest=archive.sha256_of(made), final_name=name)
        checksum = checksum.rename(output_dir / checksum.name)
        made.chmod(0o600)  # personal data: readable by the shop's user only
        final = made.rename(output_dir / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pruned = archive.archives_prune(output_dir, keep=keep)
    return BackupMade(path=final, checksum=checksum, manifest=manifest, pruned=pruned)


def _pending_migrations() -> list[str]:
    """Migrations of this code that the restored database has not had (the code is newer)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [migration.app_label + "." + migration.name for migration, backwards in plan]


def backup_restore(*, path: Path, passphrase: str = "", force: bool = False,
                   verify_checksum: bool = True, progress: Progress = lambda message: None) -> Restored:
    """Put the archive at ``path`` into the (empty) database and the media folder, then compare."""
    if not path.is_file():
        raise BackupError(str(path) + " does not exist or is not a file.")
    if verify_checksum:
        progress("Checking the SHA-256 of " + path.name + " ...")
        archive.checksum_verify(path)
    database = adapter_for()
    tables = database.tables()
    if tables and not force:
        raise BackupError(
            "The " + database.describe() + " already has " + str(len(tables)) + " tables. "
            + database.how_to_empty() + ". Or pass --force to restore over it."
        )
    with tempfile.TemporaryDirectory(prefix="comptoir-restore-") as work_name:
        work = Path(work_name)
        plain = path
        if archive.is_encrypted(path):
            progress("Decrypting ...")
            plain = work / "archive.tar"
            gpg.decrypt(path, plain, passphrase=passphrase)
        return _restore_from(plain, work=work, database=database, replace=bool(tables),
                             progress=progress)


def _restore_from(plain: Path, *, work: Path, database, replace: bool, progress: Progress) -> Restored:
    try:
        tar = tarfile.open(plain)
    except tarfile.TarError:
        raise BackupError(plain.name + " is not a backup archive (not a tar file).") from None
    with tar:
        manifest = archive.manifest_read(tar)
        vendor = manifest["database"]["vendor"]
        if vendor != database.connection.vendor:
            raise BackupError("This archive holds a " + vendor + " database; DATABASE_URL points to "
                              + database.connection.vendor + ". Restore it into a " + vendor + " database.")
        dump = archive.member_extract(tar, database.dump_name, work)
        database.restore(dump, replace=replace, progress=progress)
        dump.unlink()
        progress("Putting the media files back into " + str(settings.MEDIA_ROOT) + " ...")
        media_count = archive.media_extract(tar, Path(settings.MEDIA_ROOT))
    progress("Comparing row counts and sums with the manifest ...")
    found = database.figures()
    return Restored(manifest=manifest, media_files=media_count,
                    differences=differences(manifest, found),
                    pending_migrations=_pending_migrations())

"""The archive file: its name, its checksum beside it, its members, and pruning old ones.

An archive is ``comptoir-YYYYMMDD-HHMMSS.tar`` (UTC, so names sort in time
order), or ``.tar.gpg`` when encrypted, holding ``manifest.json`` first, the
database copy, then the media files under ``media/``. Beside it,
``<archive>.sha256`` in ``sha256sum`` format (``sha256sum -c`` checks it too).
"""

import hashlib
import json
import os
import re
import tarfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .errors import BackupError
from .gpg import SUFFIX as ENCRYPTED_SUFFIX

PREFIX = "comptoir-"
MANIFEST = "manifest.json"
MEDIA = "media/"
NAME_PATTERN = re.compile(r"^comptoir-\d{8}-\d{6}\.tar(\.gpg)?$")


def archive_name(moment: datetime, *, encrypted: bool) -> str:
    name = PREFIX + moment.strftime("%Y%m%d-%H%M%S") + ".tar"
    return name + ENCRYPTED_SUFFIX if encrypted else name


def is_encrypted(path: Path) -> bool:
    return path.name.endswith(ENCRYPTED_SUFFIX)


def checksum_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".sha256")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_write(*, archive: Path, digest: str, final_name: str) -> Path:
    target = checksum_path(archive.with_name(final_name))
    target.write_text(digest + "  " + final_name + "\n")
    return target


def checksum_verify(archive: Path) -> None:
    """Refuse an archive whose SHA-256 is not the one written beside it."""
    beside = checksum_path(archive)
    if not beside.exists():
        raise BackupError(
            "No checksum file " + beside.name + " beside the archive. Copy it next to the "
            "archive, or pass --skip-checksum if you know the archive is whole."
        )
    expected = beside.read_text().split()[0].lower()
    if sha256_of(archive) != expected:
        raise BackupError(
            archive.name + " does not match its checksum: the file is damaged or incomplete. "
            "Copy it again from where backups are kept, or restore an older archive."
        )


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def tar_write(target: Path, *, manifest: dict, database: Path, media_root: Path,
              progress: Callable[[str], None]) -> None:
    """The archive: the manifest, the database copy, then every media file."""
    files = media_files(media_root)
    manifest_file = target.with_name(MANIFEST)
    manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    # Links are archived as the files they point to: Oscar links its "missing
    # image" into the media folder, to a static file outside it.
    with tarfile.open(target, "w", dereference=True) as tar:
        tar.add(manifest_file, arcname=MANIFEST)
        tar.add(database, arcname=database.name)
        for number, path in enumerate(files, start=1):
            tar.add(path, arcname=MEDIA + path.relative_to(media_root).as_posix())
            if number % 500 == 0 or number == len(files):
                progress("Media: " + str(number) + "/" + str(len(files)) + " files")


def manifest_read(tar: tarfile.TarFile) -> dict:
    try:
        return json.load(tar.extractfile(MANIFEST))
    except KeyError:
        raise BackupError("This archive has no " + MANIFEST + ": it was not made by manage.py backup.") from None


def member_extract(tar: tarfile.TarFile, name: str, folder: Path) -> Path:
    tar.extract(tar.getmember(name), folder, filter="data")
    return folder / name


def _unlink_if_link(media_root: Path, name: str) -> None:
    """A link already in the media folder where a file comes back (Oscar's
    "missing image") is replaced by the file, not followed out of the folder."""
    root = os.path.abspath(media_root)
    target = os.path.normpath(os.path.join(root, name))
    if os.path.commonpath([root, target]) == root and os.path.islink(target):
        os.unlink(target)


def media_extract(tar: tarfile.TarFile, media_root: Path) -> int:
    """Put the archive's media files back under ``media_root``; how many."""
    count = 0
    for member in tar.getmembers():
        if member.isfile() and member.name.startswith(MEDIA):
            member.name = member.name[len(MEDIA):]
            _unlink_if_link(media_root, member.name)
            tar.extract(member, media_root, filter="data")
            count += 1
    return count


def archives_in(folder: Path) -> list[Path]:
    """The archives in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if NAME_PATTERN.match(path.name))


def archives_prune(folder: Path, *, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest archives (and their checksums); those deleted."""
    archives = archives_in(folder)
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
        checksum_path(path).unlink(missing_ok=True)
    return doomed

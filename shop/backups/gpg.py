"""Symmetric encryption of archives with GnuPG (AES256).

The passphrase reaches gpg through a pipe (``--passphrase-fd``), never on its
command line, where other users of the machine could read it. Each call uses a
throw-away GnuPG home, so nothing is written to the user's keyrings.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import BackupError

SUFFIX = ".gpg"


def _gpg() -> str:
    found = shutil.which("gpg")
    if not found:
        raise BackupError(
            "gpg is not installed, and BACKUP_PASSPHRASE asks for encryption. "
            "Install it (apt-get install gnupg) or leave BACKUP_PASSPHRASE empty."
        )
    return found


def _run(arguments: list[str], *, passphrase: str) -> subprocess.CompletedProcess:
    read_end, write_end = os.pipe()
    with tempfile.TemporaryDirectory(prefix="comptoir-gnupg-") as home:
        command = [_gpg(), "--homedir", home, "--batch", "--yes", "--quiet",
                   "--pinentry-mode", "loopback", "--passphrase-fd", str(read_end), *arguments]
        with os.fdopen(write_end, "w") as pipe:
            pipe.write(passphrase)
        try:
            return subprocess.run(command, pass_fds=(read_end,), capture_output=True, text=True)
        finally:
            os.close(read_end)


def encrypt(source: Path, target: Path, *, passphrase: str) -> None:
    """Write ``source`` encrypted with ``passphrase`` to ``target``."""
    done = _run(["--symmetric", "--cipher-algo", "AES256", "--output", str(target), str(source)],
                passphrase=passphrase)
    if done.returncode != 0:
        raise BackupError("gpg could not encrypt the archive: " + done.stderr.strip())


def decrypt(source: Path, target: Path, *, passphrase: str) -> None:
    """Write ``source`` decrypted with ``passphrase`` to ``target``."""
    if not passphrase:
        raise BackupError(
            source.name + " is encrypted. Set BACKUP_PASSPHRASE to the passphrase it was made with."
        )
    done = _run(["--decrypt", "--output", str(target), str(source)], passphrase=passphrase)
    if done.returncode != 0:
        raise BackupError(
            "gpg could not decrypt " + source.name + " (" + done.stderr.strip() + "). "
            "Check that BACKUP_PASSPHRASE is the passphrase the archive was made with."
        )

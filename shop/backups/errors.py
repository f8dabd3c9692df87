"""The one error of backups and restores; its message says what to do."""


class BackupError(Exception):
    """A backup or a restore that cannot go on; ``str(error)`` tells the operator why and what to do."""

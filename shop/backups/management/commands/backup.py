"""``manage.py backup``: the database and the media files in one dated archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shop.backups.errors import BackupError
from shop.backups.services import backup_create


class Command(BaseCommand):
    help = ("Writes the database (pg_dump, or a copy of the SQLite file) and the media files to "
            "BACKUP_DIR/comptoir-YYYYMMDD-HHMMSS.tar with its .sha256, encrypted with gpg when "
            "BACKUP_PASSPHRASE is set, and keeps the newest BACKUP_KEEP archives.")

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, help="Folder of the archives (default: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="Archives to keep, 0 for all (default: BACKUP_KEEP).")

    def handle(self, *args, output_dir=None, keep=None, **options):
        progress = self.stdout.write if options["verbosity"] > 0 else (lambda message: None)
        try:
            made = backup_create(
                output_dir=output_dir or Path(settings.BACKUP_DIR),
                keep=settings.BACKUP_KEEP if keep is None else keep,
                passphrase=settings.BACKUP_PASSPHRASE,
                progress=progress,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        for path in made.pruned:
            progress("Deleted the old archive " + path.name)
        size = made.path.stat().st_size / (1024 * 1024)
        self.stdout.write(self.style.SUCCESS(
            "Backup written: " + str(made.path) + " (" + format(size, ".1f") + " MB, "
            + str(sum(made.manifest["row_counts"].values())) + " rows, "
            + str(made.manifest["media_files"]) + " media files); checksum in " + made.checksum.name))

"""``manage.py restore <archive>``: an archive of ``manage.py backup`` back into an empty database."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shop.backups.errors import BackupError
from shop.backups.services import backup_restore


class Command(BaseCommand):
    help = ("Checks the archive's SHA-256, decrypts it with BACKUP_PASSPHRASE if needed, restores "
            "the database into the empty database of DATABASE_URL and the media files into "
            "MEDIA_ROOT, then compares row counts and sums with the archive's manifest.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="Restore even though the database already has tables.")
        parser.add_argument("--skip-checksum", action="store_true",
                            help="Restore an archive whose .sha256 file is missing.")

    def handle(self, *args, archive, force, skip_checksum, **options):
        try:
            restored = backup_restore(path=archive, passphrase=settings.BACKUP_PASSPHRASE, force=force,
                                      verify_checksum=not skip_checksum, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = restored.manifest
        self.stdout.write("Archive made " + manifest["created_at"] + " by Comptoir "
                          + manifest["versions"]["comptoir"] + "; " + str(restored.media_files)
                          + " media files put back.")
        if restored.pending_migrations:
            self.stdout.write(self.style.WARNING(
                "This code has " + str(len(restored.pending_migrations)) + " migrations the archive's "
                "database has not had: run manage.py migrate before starting the shop."))
        self._compare(manifest, restored.differences)

    def _compare(self, manifest, differences):
        tables, sums = len(manifest["row_counts"]), len(manifest["sums"])
        if not differences:
            self.stdout.write(self.style.SUCCESS(
                "Restored. Same row counts in all " + str(tables) + " tables and the same "
                + str(sums) + " sums as the manifest."))
            return
        self.stdout.write(format("table or sum", "<50") + format("archive", ">16") + format("restored", ">16"))
        for name, expected, found in differences:
            self.stdout.write(format(name, "<50") + format(expected, ">16") + format(found, ">16"))
        raise CommandError(str(len(differences)) + " counts or sums differ from the archive's manifest "
                           "(above). Do not open the shop on this database; restore it again.")

"""The consent records now live in the one ledger (``people.Consent``): the old table goes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_consents_ledger_from_records"),
        ("services", "0002_client_person"),
    ]

    operations = [migrations.DeleteModel(name="ConsentRecord")]

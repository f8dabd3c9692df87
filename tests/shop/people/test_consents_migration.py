"""The older consent records are copied into the one ledger, then their tables go."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("people", "0002_people_from_records"), ("services", "0002_client_person"),
          ("notifications", "0002_smscontact_person")]
AFTER = [("people", "0003_consents_ledger_from_records"),
         ("services", "0003_consents_delete_consentrecord"),
         ("notifications", "0003_consents_delete_consentrecord")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_old_consent_becomes_rows_of_the_persons_ledger():
    apps = migrate(BEFORE)
    Person = apps.get_model("people", "Person")
    Client = apps.get_model("services", "Client")
    SmsContact = apps.get_model("notifications", "SmsContact")
    ClientConsent = apps.get_model("services", "ConsentRecord")
    NumberConsent = apps.get_model("notifications", "ConsentRecord")
    rita = Person.objects.create(first_name="Rita", phone="+15145550123")
    client = Client.objects.create(first_name="Rita", last_name="G", address_line1="1 rue A",
                                   postal_code="H4C 1S3", person=rita)
    now = timezone.now()
    ClientConsent.objects.create(client=client, kind="service", statement="Santé", given_by="Sa fille",
                                 channel="phone", recorded_at=now)
    ClientConsent.objects.create(client=client, kind="sms", statement="SMS", given_by="Rita",
                                 channel="web", recorded_at=now)
    SmsContact.objects.create(phone="+15145550123", person=rita)
    for action, wording in (("consent", "Oui"), ("opt_out", "ARRET")):
        NumberConsent.objects.create(phone="+15145550123", action=action, method="sms",
                                     wording=wording)

    apps = migrate(AFTER)
    Consent = apps.get_model("people", "Consent")
    rows = {(c.purpose, c.channel, c.action, c.method, c.wording)
            for c in Consent.objects.filter(person_id=rita.pk)}
    assert rows == {
        ("health_data", "record", "given", "desk", "Santé"),
        ("service", "sms", "given", "web", "SMS"), ("reminders", "sms", "given", "web", "SMS"),
        ("news", "sms", "given", "sms", "Oui"),
        ("service", "sms", "withdrawn", "sms", "ARRET"),
        ("reminders", "sms", "withdrawn", "sms", "ARRET"),
        ("news", "sms", "withdrawn", "sms", "ARRET")}
    with pytest.raises(LookupError):
        apps.get_model("notifications", "ConsentRecord")
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

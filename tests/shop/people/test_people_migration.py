"""Existing accounts, meal clients and SMS numbers become people, merged on verified details only."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("people", "0001_initial"), ("services", "0002_client_person"),
          ("notifications", "0002_smscontact_person"), ("accounts", "0001_initial")]
AFTER = [("people", "0002_people_from_records")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_each_record_finds_its_person_and_a_typed_number_joins_nobody():
    apps = migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    Client = apps.get_model("services", "Client")
    SmsContact = apps.get_model("notifications", "SmsContact")
    gerard = User.objects.create(phone="+15145550142", first_name="Gérard", last_name="Roy",
                                 password="!")
    lea = User.objects.create(email="lea@example.org", first_name="Léa", password="!")
    # Gérard's own meal client record, linked to his account.
    Client.objects.create(first_name="Gérard", last_name="Roy", phone="+15145550142",
                          address_line1="1 rue A", postal_code="H4C 1S3", user=gerard,
                          language="en")
    # A stranger typed Léa's email and Gérard's phone: not theirs until confirmed.
    Client.objects.create(first_name="Inconnu", last_name="X", phone="+15145550142",
                          email="lea@example.org", address_line1="2 rue B",
                          postal_code="H2J 3V5")
    # A number that wrote to us and is Gérard's; one nobody has an account for.
    SmsContact.objects.create(phone="+15145550142", language="en")
    SmsContact.objects.create(phone="+15145550999", language="fr")

    apps = migrate(AFTER)
    Person = apps.get_model("people", "Person")
    Client = apps.get_model("services", "Client")
    SmsContact = apps.get_model("notifications", "SmsContact")

    gerard_person = Person.objects.get(user_id=gerard.pk)
    assert gerard_person.phone_verified_at is not None
    assert gerard_person.language == "en"
    assert Client.objects.get(first_name="Gérard").person_id == gerard_person.pk
    assert SmsContact.objects.get(phone="+15145550142").person_id == gerard_person.pk
    assert gerard_person.addresses.get().line1 == "1 rue A"

    stranger = Client.objects.get(first_name="Inconnu").person
    assert stranger.pk not in (gerard_person.pk, Person.objects.get(user_id=lea.pk).pk)
    assert stranger.phone_verified_at is None and stranger.email_verified_at is None
    assert stranger.user_id is None

    unknown = SmsContact.objects.get(phone="+15145550999").person
    assert unknown.user_id is None and unknown.phone_verified_at is not None
    # Nothing lost: one person per account, per unlinked client, per unknown number.
    assert Person.objects.count() == 4
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

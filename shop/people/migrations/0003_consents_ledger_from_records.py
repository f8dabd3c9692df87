"""Every consent of the two older records copied into the one ledger (``people.Consent``).

``services.ConsentRecord`` (meal clients): "service" was consent to keeping
health and diet data (purpose health_data, kept in the file); "sms" was
consent to texts (service and reminders by SMS). ``notifications.ConsentRecord``
(numbers): a consent was express consent to news by SMS; an opt-out withdrew
every SMS purpose; an opt-in gave back service messages and reminders. The
person is the one migration 0002 gave the client, the number or the account.
"""

from django.db import migrations
from django.utils import timezone

SMS_PURPOSES = ("service", "reminders", "news")
CLIENT_KINDS = {"service": (("health_data", "record"),),
                "sms": (("service", "sms"), ("reminders", "sms"))}
CLIENT_METHODS = {"web": "web", "phone": "desk", "sms": "sms", "walk_in": "desk"}
NUMBER_ACTIONS = {"consent": (("news",), "given"), "opt_out": (SMS_PURPOSES, "withdrawn"),
                  "opt_in": (("service", "reminders"), "given")}
NUMBER_METHODS = {"sms": "sms", "phone": "desk", "web": "web", "voice": "voice",
                  "paper": "paper"}


def client_consents(apps, Consent, Person):
    ClientConsent = apps.get_model("services", "ConsentRecord")
    for record in ClientConsent.objects.select_related("client").order_by("pk").iterator():
        person = _client_person(record.client, Person)
        for purpose, channel in CLIENT_KINDS.get(record.kind, ()):
            Consent.objects.create(
                person=person, purpose=purpose, channel=channel,
                action="given" if record.given else "withdrawn",
                method=CLIENT_METHODS.get(record.channel, "imported"), given_by=record.given_by,
                recorded_by_id=record.recorded_by_id, wording=record.statement,
                source=(f"registration:{record.registration_id}" if record.registration_id
                        else f"client:{record.client_id}"),
                created_at=record.recorded_at)


def number_consents(apps, Consent, Person):
    NumberConsent = apps.get_model("notifications", "ConsentRecord")
    SmsContact = apps.get_model("notifications", "SmsContact")
    for record in NumberConsent.objects.order_by("pk").iterator():
        person = _number_person(record, SmsContact, Person)
        purposes, action = NUMBER_ACTIONS[record.action]
        for purpose in purposes:
            Consent.objects.create(
                person=person, purpose=purpose, channel="sms", action=action,
                method=NUMBER_METHODS.get(record.method, "imported"),
                recorded_by_id=record.recorded_by_id, wording=record.wording,
                source=record.phone, created_at=record.created_at)


def _client_person(client, Person):
    if client.person_id is None:
        client.person = Person.objects.create(
            first_name=client.first_name, last_name=client.last_name,
            phone=client.phone or None, email=client.email or None, language=client.language)
        client.save(update_fields=["person"])
    return client.person


def _number_person(record, SmsContact, Person):
    contact = SmsContact.objects.filter(phone=record.phone).exclude(person=None).first()
    if contact is not None:
        return contact.person
    person = (Person.objects.filter(user_id=record.user_id).first() if record.user_id else None) \
        or Person.objects.filter(phone=record.phone).order_by("pk").first()
    return person or Person.objects.create(phone=record.phone, phone_verified_at=timezone.now())


def consents_to_ledger(apps, schema_editor):
    Consent = apps.get_model("people", "Consent")
    Person = apps.get_model("people", "Person")
    client_consents(apps, Consent, Person)
    number_consents(apps, Consent, Person)


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0002_people_from_records"),
        ("services", "0002_client_person"),
        ("notifications", "0002_smscontact_person"),
    ]

    operations = [migrations.RunPython(consents_to_ledger, migrations.RunPython.noop)]

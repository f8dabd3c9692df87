"""One person for each account, meal client and SMS number; consents into one ledger.

Merges only on verified details: a meal client joins the person of the
account it was already linked to; an SMS number joins the person whose
account holds that number. A client typed with someone's phone or email stays
a person of its own (no link without the owner's confirmation).
"""

from django.db import migrations
from django.utils import timezone

SERVICE_PURPOSE = {"service": "health_data", "sms": "service"}


def people_from_records(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Person = apps.get_model("people", "Person")
    PersonAddress = apps.get_model("people", "PersonAddress")
    Client = apps.get_model("services", "Client")
    SmsContact = apps.get_model("notifications", "SmsContact")
    now = timezone.now()

    by_user = {}
    for user in User.objects.all().iterator():
        person = Person.objects.create(
            user=user, first_name=user.first_name or "", last_name=user.last_name or "",
            phone=user.phone or None, phone_verified_at=now if user.phone else None,
            email=user.email or None, email_verified_at=now if user.email else None)
        by_user[user.pk] = person

    for client in Client.objects.all().iterator():
        person = by_user.get(client.user_id)
        if person is None:
            person = Person.objects.create(
                first_name=client.first_name, last_name=client.last_name,
                phone=client.phone or None, email=client.email or None)
        person.first_name = person.first_name or client.first_name
        person.last_name = person.last_name or client.last_name
        if not person.phone and client.phone:
            person.phone = client.phone
        if not person.email and client.email:
            person.email = client.email
        person.language = client.language or person.language
        person.preferred_channel = client.preferred_channel or person.preferred_channel
        person.save()
        PersonAddress.objects.create(
            person=person, line1=client.address_line1, line2=client.address_line2,
            city=client.city, postal_code=client.postal_code, is_default=True)
        client.person = person
        client.save(update_fields=["person"])

    for contact in SmsContact.objects.all().iterator():
        person = by_user.get(contact.user_id)
        if person is None:
            person = Person.objects.filter(phone=contact.phone,
                                           phone_verified_at__isnull=False).first()
        if person is None:  # the number wrote to us, or was given at the desk
            person = Person.objects.create(phone=contact.phone, phone_verified_at=now)
        if contact.language[:2] in ("fr", "en"):
            person.language = contact.language[:2]
            person.save(update_fields=["language"])
        contact.person = person
        contact.save(update_fields=["person"])


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0001_initial"),
        ("services", "0002_client_person"),
        ("notifications", "0002_smscontact_person"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(people_from_records, migrations.RunPython.noop)]

"""The portability export: every row that names a person, as JSON and CSV in one zip."""

import csv
import io
import json
import zipfile

import pytest
from django.apps import apps

from shop.csv_export import BOM
from shop.people.services.export import (
    ACTOR_FIELDS,
    owner_links,
    person_export_archive,
    person_export_rows,
    root_models,
)

from .privacy_data import EMAIL, PHONE, neighbour, ophelie

pytestmark = pytest.mark.django_db


def test_every_key_to_an_account_a_client_or_a_person_is_exported_or_named_a_staff_action():
    """A new table pointing to a person is exported without anyone listing it; the only
    keys left out are those naming a staff member who acted on someone else's record."""
    roots = root_models()
    followed = {(model._meta.label, name) for root in roots for model, name in owner_links(root)}
    missed = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model in roots:
                key = (model._meta.label, field.name)
                if key not in followed and key not in ACTOR_FIELDS:
                    missed.append(key)
    assert missed == []
    assert not followed & ACTOR_FIELDS


def test_every_table_named_by_the_walk_exists():
    """No stale entry: each staff-action key and each text column names a real field."""
    from shop.people.services.export import TEXT_LINKS

    for label, name in ACTOR_FIELDS:
        apps.get_model(label)._meta.get_field(name)
    for label, name, _kind in TEXT_LINKS:
        apps.get_model(label)._meta.get_field(name)


class TestTheExportOfADemoPerson:
    @pytest.fixture
    def person(self):
        neighbour()
        return ophelie()

    def test_holds_every_row_that_names_them(self, person):
        tables = person_export_rows(person=person)
        counts = {label: len(rows) for label, rows in tables.items()}
        assert counts["people.Person"] == 1 and counts["accounts.User"] == 1
        assert counts["order.Order"] == 2 and counts["order.Line"] == 3
        assert counts["order.ShippingAddress"] == 1
        assert counts["services.Client"] == 1 and counts["services.Registration"] == 1
        assert counts["services.Delivery"] >= 2 and counts["services.RegistrationEvent"] >= 1
        assert counts["rentals.Reservation"] == 1 and counts["rentals.Membership"] == 1
        assert counts["notifications.SmsContact"] == 1
        assert counts["phone_orders.InboundSms"] == 1
        assert counts["people.PersonAddress"] == 1 and counts["address.UserAddress"] == 1
        assert counts["people.Consent"] >= 1 and counts["people.PrivacyRequest"] == 1
        messages = tables["notifications.OutboundMessage"]
        assert any(row["to"] == PHONE for row in messages)

    def test_holds_nobody_elses_rows_and_no_password(self, person):
        text = json.dumps(person_export_rows(person=person), default=str)
        assert "Voisin" not in text and "voisin@example.org" not in text
        assert "+15145550199" not in text
        assert "password" not in text and "pbkdf2" not in text

    def test_the_archive_opens_in_a_spreadsheet_and_parses_as_json(self, person):
        archive = zipfile.ZipFile(io.BytesIO(person_export_archive(person=person)))
        data = json.loads(archive.read("donnees.json").decode("utf-8"))
        assert data["accounts.User"][0]["email"] == EMAIL
        for label, rows in data.items():
            raw = archive.read(label + ".csv").decode("utf-8")
            assert raw.startswith(BOM), label
            parsed = list(csv.reader(io.StringIO(raw[1:])))
            assert parsed[0] == list(rows[0]) and len(parsed) == len(rows) + 1, label

    def test_a_formula_typed_as_a_note_stays_text_in_the_csv(self, person):
        client = person.meal_client
        type(client).objects.filter(pk=client.pk).update(access_notes='=HYPERLINK("http://x")')
        archive = zipfile.ZipFile(io.BytesIO(person_export_archive(person=person)))
        raw = archive.read("services.Client.csv").decode("utf-8")
        assert "'=HYPERLINK" in raw

"""Deletion (Loi 25): what the law keeps is anonymised, the rest erased; stale health notes go."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from oscar.core.loading import get_model

from services.models import Client, Delivery, Registration, RegistrationStatus
from services.services import client_update
from shop.people.models import Consent, Person
from shop.people.services.erasure import (
    DELETED,
    health_notes_erase_stale,
    person_erase,
)
from shop.people.services.export import person_export_rows
from tests.clock import at, day
from tests.services.factories import ClientFactory

from .privacy_data import EMAIL, LAST_NAME, NAME, PHONE, PHONE_DIGITS, neighbour, ophelie

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
SEARCHED = (NAME, LAST_NAME, EMAIL, PHONE_DIGITS, "514 555-0177", "Arachides", "Clé sous le pot")


def rows_naming(text):
    """(table, column, count) of every text or JSON column of every table holding ``text``."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                count = model._base_manager.filter(**{field.name + "__icontains": text}).count()
                if count:
                    found.append((model._meta.label, field.name, count))
    return found


def money(order):
    lines = [(line.line_price_incl_tax, line.line_price_excl_tax, line.gst, line.qst)
             for line in order.lines.order_by("pk")]
    return (order.total_incl_tax, order.total_excl_tax, order.gst, order.qst,
            order.shipping_incl_tax, lines)


class TestErasingAPerson:
    @pytest.fixture
    def person(self):
        neighbour()
        return ophelie()

    def test_no_row_names_them_afterwards(self, person):
        assert rows_naming(LAST_NAME)  # the search does find her before
        person_erase(person=person, by=None)
        for text in SEARCHED:
            assert rows_naming(text) == [], text

    def test_the_orders_totals_and_taxes_are_unchanged(self, person):
        before = {order.pk: money(order) for order in Order.objects.filter(user=person.user)}
        person_erase(person=person, by=None)
        after = {order.pk: money(order) for order in Order.objects.filter(user=person.user)}
        assert after == before and len(after) == 2

    def test_the_delivery_address_reads_deleted_person(self, person):
        person_erase(person=person, by=None)
        order = Order.objects.get(user=person.user, shipping_address__isnull=False)
        assert order.shipping_address.first_name == DELETED
        assert order.shipping_address.line1 == "" and not order.shipping_address.phone_number

    def test_meals_delivered_stay_as_counts_and_the_notes_are_gone(self, person):
        deliveries = Delivery.objects.filter(client=person.meal_client).count()
        person_erase(person=person, by=None)
        client = Client.objects.get(pk=person.meal_client.pk)
        assert Delivery.objects.filter(client=client).count() == deliveries
        assert (client.diet_restrictions, client.allergies, client.access_notes,
                client.emergency_contact_name) == ("", "", "", "")

    def test_the_account_is_closed_and_the_consents_kept_as_proof(self, person):
        consents = Consent.objects.filter(person=person).count()
        person_erase(person=person, by=None)
        person = Person.objects.get(pk=person.pk)
        assert person.anonymised_at is not None and person.full_name == DELETED
        assert not person.user.is_active and not person.user.has_usable_password()
        assert Consent.objects.filter(person=person).count() == consents

    def test_the_neighbour_is_untouched(self, person):
        person_erase(person=person, by=None)
        assert rows_naming("Victor Voisin")
        assert Order.objects.filter(user__email="voisin@example.org").count() == 1

    def test_the_export_afterwards_holds_nothing_that_names_them(self, person):
        person_erase(person=person, by=None)
        text = str(person_export_rows(person=person))
        for searched in (NAME, LAST_NAME, EMAIL, PHONE):
            assert searched not in text


class TestErasingAPersonKnownOnlyByPhone:
    def test_their_number_and_messages_go_and_nothing_else_is_needed(self):
        from phone_orders.models import InboundSms
        from shop.notifications.models import OutboundMessage, SmsContact

        person = Person.objects.create(first_name="Rosaire", last_name="Gendron",
                                       phone="+15145550166")
        ClientFactory(person=person, first_name="Rosaire", last_name="Gendron",
                      phone="+15145550166", allergies="Poisson")
        SmsContact.objects.create(phone="+15145550166", person=person)
        InboundSms.objects.create(from_number="+15145550166", body="ARRÊT Rosaire Gendron",
                                  command="stop")
        OutboundMessage.objects.create(to="+15145550166", body="Bonjour Rosaire Gendron",
                                       kind="other", key="test:rosaire")
        person_erase(person=person, by=None)
        for text in ("Gendron", "5145550166", "Poisson"):
            assert rows_naming(text) == [], text
        assert not SmsContact.objects.exists()
        assert InboundSms.objects.get().body == ""


class TestTheRetentionOfHealthNotes:
    """Notes of a client with no delivery and no live registration for the set period go."""

    @pytest.fixture
    def finished(self, settings):
        settings.HEALTH_NOTES_RETENTION_DAYS = 730
        ophelie()
        client = Client.objects.get(last_name=LAST_NAME)
        client_update(client=client, allergies="Arachides, sésame")
        Registration.objects.filter(client=client).update(status=RegistrationStatus.ENDED)
        last = Delivery.objects.filter(client=client).order_by("-date").first().date
        return client, last

    def test_are_kept_until_the_period_has_passed(self, finished, clock):
        client, last = finished
        clock.move_to(at(last + timedelta(days=700), 3))
        assert health_notes_erase_stale() == 0
        assert Client.objects.get(pk=client.pk).allergies == "Arachides, sésame"

    def test_are_erased_after_it_even_from_the_records_history(self, finished, clock):
        client, last = finished
        clock.move_to(at(last + timedelta(days=731), 3))
        assert health_notes_erase_stale() == 1
        client = Client.objects.get(pk=client.pk)
        assert (client.diet_restrictions, client.allergies, client.access_notes) == ("", "", "")
        assert client.first_name == "Ophélie"  # only the notes go
        assert rows_naming("sésame") == [] and rows_naming("Sans sel") == []
        assert not any("allergies" in change.changes for change in client.changes.all())

    def test_a_client_still_registered_keeps_them(self, clock, settings):
        settings.HEALTH_NOTES_RETENTION_DAYS = 730
        client = ophelie().meal_client
        clock.move_to(at(day(1500), 3))
        assert health_notes_erase_stale() == 0
        assert Client.objects.get(pk=client.pk).allergies == "Arachides"

    def test_a_new_client_keeps_them_for_the_period_from_the_records_creation(self, clock):
        client = ClientFactory(allergies="Lactose")
        clock.move_to(at(day(700), 3))
        assert health_notes_erase_stale() == 0
        clock.move_to(at(day(731), 3))
        assert health_notes_erase_stale() == 1
        assert Client.objects.get(pk=client.pk).allergies == ""

    def test_the_daily_task_runs_the_rule(self, finished, clock):
        from shop.people.tasks import erase_stale_health_notes

        client, last = finished
        clock.move_to(at(last + timedelta(days=731), 3))
        assert erase_stale_health_notes.apply().get() == 1

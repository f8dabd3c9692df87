"""One person per human: a meal client is a person, and a number at the desk is one person.

A client's details typed by someone are kept on their person unverified, and
never replace verified ones; two records become one person only on verified
grounds (an account made for the client, the desk talking to the caller, a
confirmed link).
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from oscar.core.loading import get_model

from services.models import Client, Registration
from services.services import client_create, client_ensure_user, client_update
from shop.notifications.models import SmsContact
from shop.order.models import Channel, PaymentMethod
from shop.people.models import Consent, LinkRequest, Person, PersonAddress
from shop.people.services.consents import consent_record
from shop.people.services.persons import person_merge, person_of
from shop.taxes import TaxClass
from tests.factories import PhoneOnlyClientFactory, StaffFactory, UserFactory, product_for
from tests.integrations.twilio.helpers import (  # noqa: F401
    fake_twilio,
    no_quiet_hours,
    twilio_settings,
)
from tests.services.conftest import meal_program, meal_season  # noqa: F401

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
PHONE = "+15145550142"


def meal_client(**fields):
    values = {"first_name": "Gérard", "last_name": "Bouchard", "phone": PHONE,
              "address_line1": "4510, rue Notre-Dame O.", "postal_code": "h4c1s3",
              "language": "en", "preferred_channel": "sms", **fields}
    return client_create(by=StaffFactory(), **values)


class TestAMealClientIsAPerson:
    def test_its_details_are_the_persons_unverified(self):
        client = meal_client(email="gerard@example.org")
        person = client.person
        assert (person.first_name, person.last_name, str(person.phone), person.email) == (
            "Gérard", "Bouchard", PHONE, "gerard@example.org")
        assert not person.phone_verified and not person.email_verified
        assert (person.language, person.preferred_channel, person.user) == ("en", "sms", None)
        address = person.addresses.get()
        assert (address.line1, address.postal_code, address.is_default) == (
            "4510, rue Notre-Dame O.", "H4C 1S3", True)

    def test_a_change_of_the_client_follows_on_the_person(self):
        client = meal_client()
        client_update(client=client, phone="+15145550143", language="fr",
                      address_line1="12, rue Centre")
        person = Person.objects.get(pk=client.person_id)
        assert (str(person.phone), person.language) == ("+15145550143", "fr")
        assert person.addresses.get(is_default=True).line1 == "12, rue Centre"
        assert person.addresses.count() == 2  # the old address is kept, no longer the main one

    def test_a_typed_phone_never_replaces_a_verified_one(self):
        account = UserFactory(phone="+15145550111")
        client = meal_client(user=account)
        assert client.person == person_of(account)
        client_update(client=client, phone="+15145550112")
        person = Person.objects.get(pk=client.person_id)
        assert str(person.phone) == "+15145550111" and person.phone_verified

    def test_an_account_made_for_it_is_the_same_person(self):
        client = meal_client()
        user = client_ensure_user(client=client)
        client.refresh_from_db()
        assert client.person == user.person
        assert Person.objects.filter(phone=PHONE).count() == 1
        assert not LinkRequest.objects.exists()


class TestPersonMerge:
    def test_moves_everything_of_the_other_person(self):
        keep = person_of(PhoneOnlyClientFactory(phone=PHONE))
        client = meal_client()
        other = client.person
        consent_record(person=other, purpose="service", channel="sms", action="given",
                       method="desk", wording="Oui aux textos.")
        contact = SmsContact.objects.create(phone=PHONE, person=other)

        person_merge(keep=keep, other=other)

        assert not Person.objects.filter(pk=other.pk).exists()
        assert Client.objects.get(pk=client.pk).person == keep
        assert Consent.objects.get().person == keep
        assert SmsContact.objects.get(pk=contact.pk).person == keep
        assert PersonAddress.objects.get().person == keep

    def test_keeps_the_verified_details(self):
        keep = person_of(PhoneOnlyClientFactory(phone=PHONE))
        other = meal_client(phone="+15145550143", email="g@example.org").person
        kept = person_merge(keep=keep, other=other)
        assert str(kept.phone) == PHONE and kept.phone_verified
        assert kept.email == "g@example.org" and not kept.email_verified

    def test_refuses_two_accounts(self):
        with pytest.raises(ValidationError):
            person_merge(keep=person_of(UserFactory()), other=person_of(UserFactory()))

    def test_refuses_two_meal_clients(self):
        first, second = meal_client(), meal_client(phone="+15145550143")
        with pytest.raises(ValidationError):
            person_merge(keep=first.person, other=second.person)
        assert Person.objects.filter(pk__in=[first.person_id, second.person_id]).count() == 2


class TestTheDesk:
    def test_an_account_made_at_the_desk_joins_the_meal_client_of_that_number(self, client):
        typed = meal_client()
        staff = StaffFactory()
        client.force_login(staff)
        client.post("/phone/desk/clients/new/", {"first_name": "Gérard", "last_name": "Bouchard",
                                                 "phone": "514 555-0142", "language": "fr"})
        account = get_model("accounts", "User").objects.get(phone=PHONE)
        typed.refresh_from_db()
        assert typed.person == account.person and typed.user == account
        assert Person.objects.filter(phone=PHONE).count() == 1

    def test_a_spouse_on_the_same_line_stays_a_person_of_their_own(self, client):
        typed = meal_client(first_name="Gisèle")
        client.force_login(StaffFactory())
        client.post("/phone/desk/clients/new/", {"first_name": "Gérard", "last_name": "Bouchard",
                                                 "phone": "514 555-0142", "language": "fr"})
        typed.refresh_from_db()
        assert typed.user is None and typed.person.user is None


class TestOnePersonKnownOnlyByPhone:
    """Issue 16: meals by phone, a tool at the desk, a book at the desk, the book again by SMS."""

    def test_is_one_person_with_one_export(
            self, client, meal_program, meal_season, sellers, twilio_settings):  # noqa: F811
        from phone_orders.models import PendingQuestion
        from phone_orders.services.desk import desk_order_place
        from phone_orders.services.questions import sms_reorder_place
        from shop.rentals.services import reservation_book
        from tests.phone_orders.helpers import ask
        from tests.services.test_views_staff import TestPhoneEntry

        staff = StaffFactory(first_name="Josée")
        client.force_login(staff)
        # 1. Meals: registered by phone, typed by staff (no account yet).
        response = client.post(reverse("services:registration-create"),
                               TestPhoneEntry().form(meal_program, meal_season))
        assert response.status_code == 302
        registration = Registration.objects.get()
        # 2. The desk makes the caller's account from the same number.
        client.post("/phone/desk/clients/new/", {"first_name": "Gérard", "last_name": "Bouchard",
                                                 "phone": "514 555-0142", "language": "fr"})
        account = get_model("accounts", "User").objects.get(phone=PHONE)
        # 3. A tool booked at the desk.
        from tests.shop.rentals.factories import rentable_product

        drill = rentable_product(sellers["tools"], title="Perceuse", units=1)
        start = meal_season.starts_on + timedelta(days=1)
        booking = reservation_book(product=drill, member=account, start=start,
                                   end=start + timedelta(days=2), channel=Channel.PHONE,
                                   payment_method=PaymentMethod.ON_DELIVERY, placed_by=staff)
        # 4. A book ordered at the desk.
        book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                           tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
        desk_order = desk_order_place(client=account, staff=staff, lines=[(book, 1)],
                                      fulfilment="pickup", payment_method=PaymentMethod.ON_DELIVERY)
        # 5. The same book again, by SMS from the same number.
        ask(client, PHONE, "COMMANDE")
        ask(client, PHONE, "OUI")
        sms_order = sms_reorder_place(question_id=PendingQuestion.objects.get().pk)

        registration.client.refresh_from_db()
        assert Person.objects.filter(phone=PHONE).count() == 1
        person = Person.objects.get(phone=PHONE)
        assert registration.client.person == person == account.person
        assert {booking.order.user, desk_order.user, sms_order.user} == {account}
        assert sms_order.channel == Channel.SMS

        from shop.people.services.export import person_export_rows

        rows = person_export_rows(person=person)
        keys = {name: {row.get("id") for row in table} for name, table in rows.items()}
        assert registration.pk in keys["services.Registration"]
        assert booking.pk in keys["rentals.Reservation"]
        assert {booking.order.pk, desk_order.pk, sms_order.pk} <= keys["order.Order"]

        # One line in the staff's people search, whatever the record it came from.
        response = client.get(reverse("people:staff-people"), {"q": "514 555-0142"})
        assert list(response.context["people"]) == [person]

        # Counted once in the reports: a meal delivered, the tool lent, the orders.
        from services.models import Delivery, DeliveryStatus
        from shop import clock
        from shop.rentals.models import ReservationStatus
        from shop.reports import selectors as reports

        today = clock.now().date()
        Delivery.objects.create(registration=registration, program=registration.program,
                                client=registration.client, date=today, meals=1,
                                meal_option=registration.meal_option,
                                status=DeliveryStatus.DELIVERED)
        type(booking).objects.filter(pk=booking.pk).update(
            status=ReservationStatus.CHECKED_OUT, checked_out_at=clock.now())
        period = reports.Period(today - timedelta(days=1), today + timedelta(days=1))
        assert reports.people_served(sellers=None, period=period) == 1

"""Verified linking: a phone or email typed for someone joins an account only once confirmed.

The stranger case of issue 16: a meal client typed with the phone number of an
existing account is not linked to it, and its meals are not billed into that
account's order history, until the account's owner confirms with the code we
sent them, or a staff member confirms it with them on the phone.
"""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from oscar.core.loading import get_model

from services.services import client_create, client_ensure_user
from shop.notifications.models import MessageChannel, OutboundMessage
from shop.order.models import Channel, PaymentMethod
from shop.people.models import LinkRequest, LinkStatus, Person
from shop.people.services.linking import (
    MAX_ATTEMPTS,
    link_request_confirm,
    link_request_confirm_by_staff,
)
from shop.pipeline import LineRequest, place_order
from tests.factories import PhoneOnlyClientFactory, StaffFactory, UserFactory, product_for
from tests.services.conftest import meal_program, meal_season, popote_staff  # noqa: F401

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
PHONE = "+15145550199"


@pytest.fixture
def owner(sellers):
    """An account holding the phone number, with an order in its history."""
    account = PhoneOnlyClientFactory(first_name="Huguette", last_name="Roy", phone=PHONE)
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95")
    place_order(customer=account, channel=Channel.PHONE, placed_by=StaffFactory(),
                fulfilment="pickup", payment_method=PaymentMethod.ON_DELIVERY,
                lines=[LineRequest(book)])
    return account


def typed_client(by=None, **fields):
    """A meal client typed by someone with the owner's phone number."""
    values = {"first_name": "Marcel", "last_name": "Inconnu", "phone": PHONE,
              "address_line1": "12, rue Centre", "postal_code": "H4C 1S3", **fields}
    return client_create(by=by, **values)


def code_of(message) -> str:
    return re.search(r"(?<![\d/])(\d{6})(?![\d/])", message.body).group(1)


def code_message():
    return OutboundMessage.objects.get(key__startswith="link-request:")


class TestTheStrangerCase:
    def test_a_typed_phone_links_nothing_and_asks_the_owner_by_sms(self, owner):
        history = list(Order.objects.filter(user=owner).values_list("number", flat=True))

        client = typed_client(by=StaffFactory(first_name="Josée", last_name="Gagnon"))
        with pytest.raises(ValidationError) as error:
            client_ensure_user(client=client)
        assert "attend la confirmation" in error.value.messages[0]  # staff read it in French

        client.refresh_from_db()
        assert client.user is None and client.person.user is None
        assert list(Order.objects.filter(user=owner).values_list("number", flat=True)) == history
        request = LinkRequest.objects.get()
        assert (request.status, request.account, request.matched_on) == (
            LinkStatus.PENDING, owner, "phone")
        assert request.expires_at - request.created_at == timedelta(days=7)
        message = code_message()
        assert (message.to, message.channel) == (PHONE, MessageChannel.SMS)
        assert "Josée Gagnon" in message.body and "Marcel Inconnu" in message.body
        assert "rien ne changera" in message.body
        assert code_of(message) not in request.code_hash  # only a hash is kept

    def test_asking_again_sends_no_second_code(self, owner):
        client = typed_client()
        for _attempt in range(2):
            with pytest.raises(ValidationError):
                client_ensure_user(client=client)
        assert LinkRequest.objects.count() == 1 and OutboundMessage.objects.filter(
            key__startswith="link-request:").count() == 1

    def test_the_code_is_in_the_owners_language(self, owner):
        owner.person.language = "en"
        owner.person.save()
        typed_client()
        body = code_message().body
        assert "nothing will change" in body and "/en/" in body

    def test_an_account_with_an_email_only_gets_the_code_by_email(self, db):
        account = UserFactory(email="huguette@example.org")
        typed_client(phone="", email="Huguette@example.org")
        message = code_message()
        assert (message.to, message.channel) == ("huguette@example.org", MessageChannel.EMAIL)
        assert LinkRequest.objects.get().account == account

    def test_the_public_registration_form_opens_a_request_too(
            self, client, meal_program, meal_season):  # noqa: F811
        from tests.services.test_views_public import fill_in

        account = PhoneOnlyClientFactory(phone="+15145550177")
        fill_in(client, meal_program)
        request = LinkRequest.objects.get()
        assert request.account == account and request.person.user is None
        assert code_message().to == "+15145550177"


class TestTheOwnerConfirms:
    def page(self, request):
        return reverse("people:link-confirm", args=[request.pk])

    def test_with_the_right_code_the_client_is_linked(self, client, owner):
        typed = typed_client()
        request = LinkRequest.objects.get()
        client.force_login(owner)

        response = client.post(self.page(request), {"code": code_of(code_message())})

        assert response.status_code == 302
        typed.refresh_from_db()
        assert typed.user == owner and typed.person == owner.person
        assert client_ensure_user(client=typed) == owner
        assert Person.objects.filter(phone=PHONE).count() == 1
        request.refresh_from_db()
        assert request.status == LinkStatus.CONFIRMED and request.confirmed_by_staff is None

    def test_five_wrong_codes_refuse_it_and_the_right_one_then_does_nothing(self, client, owner):
        typed = typed_client()
        request = LinkRequest.objects.get()
        right = code_of(code_message())
        wrong = "000000" if right != "000000" else "111111"
        client.force_login(owner)

        for _attempt in range(MAX_ATTEMPTS):
            client.post(self.page(request), {"code": wrong})
        client.post(self.page(request), {"code": right})

        request.refresh_from_db()
        assert (request.status, request.attempts) == (LinkStatus.REFUSED, MAX_ATTEMPTS)
        typed.refresh_from_db()
        assert typed.user is None and typed.person.user is None
        with pytest.raises(ValidationError) as error:
            client_ensure_user(client=typed)
        assert error.value.code == "link_refused"

    def test_a_wrong_code_says_how_many_tries_are_left(self, owner):
        typed_client()
        request = LinkRequest.objects.get()
        with pytest.raises(ValidationError) as error:
            link_request_confirm(link_request=request, user=owner, code="99999x")
        assert str(MAX_ATTEMPTS - 1) in " ".join(error.value.messages)
        request.refresh_from_db()
        assert request.attempts == 1  # kept, though the call failed

    def test_this_is_not_me_refuses_it(self, client, owner):
        typed = typed_client()
        request = LinkRequest.objects.get()
        client.force_login(owner)
        client.post(self.page(request), {"not_me": "1"})
        request.refresh_from_db()
        assert request.status == LinkStatus.REFUSED
        typed.refresh_from_db()
        assert typed.user is None

    def test_the_page_is_only_the_owners(self, client, owner):
        typed_client()
        request = LinkRequest.objects.get()
        assert client.get(self.page(request)).status_code == 302  # to the login page
        client.force_login(UserFactory())
        assert client.get(self.page(request)).status_code == 404
        client.force_login(owner)
        page = client.get(self.page(request))
        assert page.status_code == 200 and "Marcel Inconnu" in page.content.decode()

    def test_a_code_after_a_week_is_refused(self, owner, clock):
        typed_client()
        request = LinkRequest.objects.get()
        clock.move_to(request.expires_at + timedelta(minutes=1))
        with pytest.raises(ValidationError):
            link_request_confirm(link_request=request, user=owner, code=code_of(code_message()))
        request.refresh_from_db()
        assert request.status == LinkStatus.EXPIRED


class TestStaffConfirmOnThePhone:
    def test_records_the_staff_members_name(self, client, owner, popote_staff):  # noqa: F811
        typed = typed_client()
        request = LinkRequest.objects.get()
        staff = StaffFactory(first_name="Josée", last_name="Gagnon")
        client.force_login(staff)

        response = client.post(reverse("people:link-staff-confirm", args=[request.pk]),
                               {"next": "/"})

        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == LinkStatus.CONFIRMED
        assert request.confirmed_by_staff == staff
        assert request.confirmed_by_staff.get_full_name() == "Josée Gagnon"
        typed.refresh_from_db()
        assert typed.user == owner

    def test_the_meal_staff_client_page_offers_it(self, client, owner, meal_program,  # noqa: F811
                                                   meal_season, popote_staff):  # noqa: F811
        from tests.services.factories import register

        typed = typed_client()
        register(typed, meal_program, meal_season)
        client.force_login(popote_staff)
        page = client.get(reverse("services:client-detail", args=[typed.pk])).content.decode()
        request = LinkRequest.objects.get()
        assert reverse("people:link-staff-confirm", args=[request.pk]) in page

    def test_is_refused_to_someone_outside_the_desk(self, client, owner):
        typed_client()
        request = LinkRequest.objects.get()
        client.force_login(UserFactory())
        response = client.post(reverse("people:link-staff-confirm", args=[request.pk]))
        assert response.status_code in (403, 404)
        request.refresh_from_db()
        assert request.status == LinkStatus.PENDING

    def test_twice_is_refused_the_second_time(self, owner):
        typed_client()
        request = LinkRequest.objects.get()
        link_request_confirm_by_staff(link_request=request, staff=StaffFactory())
        with pytest.raises(ValidationError):
            link_request_confirm_by_staff(link_request=request, staff=StaffFactory())


"""A small cooperative's October, every figure of which is worked out by hand.

The October is that of the year before the frozen day (``tests/clock.py``): it
is over, with the September before it and the November after it, as the months
of a report are; and the dashboard's "today" and "this week" see none of it.

Sellers: A the bookshop (book 20.00, postcard out of stock), B the tool
library (drill 35.00, tools lent), M the meal service (a program).

People and what they did (all times in Montréal):
- Léa (web account): 20 Sep web order at A (before the period); 5 Oct web
  order at A (20.00); 10 Oct phone order at B (35.00); borrows a tool of B
  25–31 Oct, still out.
- Gérard (phone-only account): 12 Oct SMS order at A (20.00); meal client of M
  linked to his account: 6 Oct 2 meals delivered, 14 Oct 2 meals scheduled.
- A guest without account: 20 Oct voice order at A (20.00) as
  "Invite@Example.org"; 21 Oct web order of a book (A) and a drill (B) as
  "invite@example.org" (the same person).
- Xavier (web account): 15 Oct web order at A, cancelled.
- Rita (meal client, no account, solidarity price): 7 Oct 1 meal delivered,
  9 Oct 1 meal "nobody home", 14 Oct 1 meal delivered.
- Théo (web account): borrows a tool of B 3–9 Oct, returned 8 Oct.
- Ulysse and Vera (accounts): tools of B checked out in September, due 9 Oct
  and 5 Oct, still out.
- Registrations at M created in October: Rita by phone (1 Oct), Gérard online
  (1 Oct), Paul walk-in (2 Oct, waiting list); Zoé waits since 7 Oct (by
  SMS), Hugo registered 1 Sep and accepted an offered place on 11 Oct.
"""

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from phone_orders.models import InboxItem, InboxKind
from services.models import (
    Delivery,
    DeliveryStatus,
    Fare,
    FollowUp,
    FollowUpStatus,
    OfferStatus,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
    WaitlistOffer,
)
from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.order.statuses import OrderStatus
from shop.rentals.models import ReservationStatus
from tests.clock import TODAY
from tests.factories import (
    PhoneOnlyClientFactory,
    StaffFactory,
    UserFactory,
    product_for,
    seller_staff,
)
from tests.services.factories import ClientFactory, SeasonFactory, program_with
from tests.shop.rentals.factories import rentable_product, reservation_row

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

MONTREAL = ZoneInfo("America/Toronto")
YEAR = TODAY.year - 1  # the cooperative's October is wholly past on the frozen day


def on(month, day):
    """Day ``day`` of ``month`` in the cooperative's year."""
    return date(YEAR, month, day)


def at(month, day, hour=12):
    """``hour`` o'clock in Montréal on day ``day`` of ``month`` in the cooperative's year."""
    return datetime(YEAR, month, day, hour, 0, tzinfo=MONTREAL)


def place_order(*products, user=None, when, **order_fields):
    """An order of one of each of ``products`` placed at ``when`` (prices without tax)."""
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    for product in products:
        basket.add_product(product)
    order = create_order(basket=basket, user=user, **order_fields)
    Order.objects.filter(pk=order.pk).update(date_placed=when)
    return order


def set_created(model, obj, when):
    model.objects.filter(pk=obj.pk).update(created=when)


@pytest.fixture
def coop(db):
    from tests.factories import SellerFactory

    a = SellerFactory(name="Librairie du Quartier", kind="bookshop")
    b = SellerFactory(name="Outilthèque Rosemont", kind="tool_library")
    program = program_with(weekdays=(0, 1, 2, 3, 4), capacity=40, name="Popote de l'Est")
    m = program.seller
    m.name = "Popote roulante de l'Est"
    m.save()
    season = SeasonFactory(program=program, starts_on=on(9, 1), ends_on=on(12, 18),
                           registration_opens_on=on(8, 1), registration_closes_on=on(12, 1))
    option = program.meal_options.first()

    book = product_for(a, title="Les Belles-sœurs", price="20.00")
    product_for(a, title="Carte postale", price="2.00", num_in_stock=0)
    drill = product_for(b, title="Perceuse", price="35.00")
    tool = rentable_product(b, title="Scie sauteuse", units=4, tag_prefix="SCIE")
    units = list(tool.rental_units.order_by("asset_tag"))

    lea = UserFactory(first_name="Léa")
    gerard = PhoneOnlyClientFactory(first_name="Gérard")
    xavier = UserFactory(first_name="Xavier")
    theo, ulysse, vera = (UserFactory(first_name=name) for name in ("Théo", "Ulysse", "Vera"))

    place_order(book, user=lea, channel="web", when=at(9, 20))
    place_order(book, user=lea, channel="web", when=at(10, 5))
    place_order(drill, user=lea, channel="phone", when=at(10, 10))
    place_order(book, user=gerard, channel="sms", when=at(10, 12))
    place_order(book, guest_email="Invite@Example.org", channel="voice", when=at(10, 20))
    place_order(book, drill, guest_email="invite@example.org", channel="web", when=at(10, 21))
    place_order(book, user=xavier, channel="web", status=OrderStatus.CANCELLED, when=at(10, 15))

    reservation_row(units[0], lea, on(10, 25), on(10, 31),
                    status=ReservationStatus.CHECKED_OUT, checked_out_at=at(10, 25, 10))
    reservation_row(units[1], theo, on(10, 3), on(10, 9),
                    status=ReservationStatus.RETURNED, checked_out_at=at(10, 3, 10),
                    returned_on=on(10, 8), returned_at=at(10, 8, 15))
    reservation_row(units[2], ulysse, on(9, 28), on(10, 9),
                    status=ReservationStatus.CHECKED_OUT, checked_out_at=at(9, 28, 10))
    reservation_row(units[3], vera, on(9, 25), on(10, 5),
                    status=ReservationStatus.CHECKED_OUT, checked_out_at=at(9, 25, 10))

    rita = ClientFactory(first_name="Rita", fare=Fare.SOLIDARITY)
    gerard_client = ClientFactory(first_name="Gérard", user=gerard)
    paul, zoe, hugo = (ClientFactory(first_name=name) for name in ("Paul", "Zoé", "Hugo"))

    def registration(client, channel, created, status=RegistrationStatus.APPROVED, number=None):
        row = Registration.objects.create(
            client=client, program=program, season=season, weekdays=1, meal_option=option,
            requested_start=on(10, 5), channel=channel, status=status,
            waitlist_number=number)
        set_created(Registration, row, created)
        return row

    rita_reg = registration(rita, RegistrationChannel.PHONE, at(10, 1))
    gerard_reg = registration(gerard_client, RegistrationChannel.WEB, at(10, 1))
    registration(paul, RegistrationChannel.WALK_IN, at(10, 2), RegistrationStatus.WAITLISTED, 1)
    registration(zoe, RegistrationChannel.SMS, at(10, 7), RegistrationStatus.WAITLISTED, 2)
    hugo_reg = registration(hugo, RegistrationChannel.PHONE, at(9, 1), RegistrationStatus.PENDING)
    WaitlistOffer.objects.create(registration=hugo_reg, offered_at=at(10, 10),
                                 expires_at=at(10, 12), status=OfferStatus.ACCEPTED,
                                 answered_at=at(10, 11))

    def delivery(reg, day, meals, status):
        return Delivery.objects.create(registration=reg, program=program, client=reg.client,
                                       date=on(10, day), meals=meals, meal_option=option,
                                       status=status)

    delivery(gerard_reg, 6, 2, DeliveryStatus.DELIVERED)
    delivery(gerard_reg, 14, 2, DeliveryStatus.SCHEDULED)
    delivery(rita_reg, 7, 1, DeliveryStatus.DELIVERED)
    nobody_home = delivery(rita_reg, 9, 1, DeliveryStatus.NOBODY_HOME)
    delivery(rita_reg, 14, 1, DeliveryStatus.DELIVERED)
    FollowUp.objects.create(client=rita, program=program, delivery=nobody_home,
                            reason="Personne à la maison", created=at(10, 9))
    FollowUp.objects.create(client=rita, program=program, reason="Appel fait",
                            status=FollowUpStatus.CLOSED, created=at(10, 1))

    InboxItem.objects.create(kind=InboxKind.VOICEMAIL, phone="+15145550001")
    InboxItem.objects.create(kind=InboxKind.MISSED_CALL, phone="+15145550002")
    InboxItem.objects.create(kind=InboxKind.SMS, phone="+15145550003", done_at=at(10, 3))

    def sms(key, status, sent=None, delivered=None):
        OutboundMessage.objects.create(to="+15145550100", body="Bonjour", kind=MessageKind.OTHER,
                                       key=key, status=status, sent_at=sent, delivered_at=delivered)

    sms("a", MessageStatus.DELIVERED, at(10, 3), at(10, 3))
    sms("b", MessageStatus.DELIVERED, at(10, 30), at(11, 1))
    sms("c", MessageStatus.DELIVERED, at(9, 30), at(10, 1))
    sms("d", MessageStatus.FAILED, at(10, 5))
    sms("e", MessageStatus.QUEUED)

    return SimpleNamespace(a=a, b=b, m=m, program=program, lea=lea, gerard=gerard)


@pytest.fixture
def coordinator(db):
    user = StaffFactory(first_name="Cora", last_name="Coordonnatrice")
    for app_label, codename in [("order", "view_order"), ("partner", "view_stockalert")]:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def staff_a(coop):
    return seller_staff(coop.a, first_name="Alice", last_name="Libraire")


@pytest.fixture
def staff_m(coop):
    return seller_staff(coop.m, first_name="Mo", last_name="Popote")

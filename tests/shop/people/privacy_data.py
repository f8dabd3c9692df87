"""A demo person who does everything with the cooperative, and a neighbour who must not leak.

Ophélie Lacasse has an account (email and phone), a delivered book order and a
picked-up one, meals (diet, allergies, access notes, an emergency contact),
a drill booked and a membership, an SMS number that wrote to us and got
answers, an address book, a consent and a privacy request.
"""

from datetime import timedelta
from decimal import Decimal

from oscar.core.loading import get_model

from services.services import deliveries_generate, registration_approve
from shop.notifications.models import OutboundMessage, SmsContact
from shop.order.models import Channel, PaymentMethod
from shop.people.models import (
    ConsentAction,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    PersonAddress,
)
from shop.people.services.consents import consent_record
from shop.people.services.persons import person_of
from shop.people.services.privacy_requests import privacy_request_create
from shop.pipeline import LineRequest, place_order
from shop.rentals.models import Membership, Unit
from tests.clock import day
from tests.factories import SellerFactory, UserFactory, product_for
from tests.services.factories import (
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    program_with,
    register,
)
from tests.shop.checkout.shop_data import canada
from tests.shop.rentals.factories import (
    MembershipTierFactory,
    ToolLibraryFactory,
    rentable_product,
    reservation_row,
)

ShippingAddress = get_model("order", "ShippingAddress")
UserAddress = get_model("address", "UserAddress")

NAME = "Ophélie Lacasse"
LAST_NAME = "Lacasse"
EMAIL = "ophelie.lacasse@example.org"
PHONE = "+15145550177"
PHONE_DIGITS = "5145550177"


def ophelie():
    """The demo person, with a row in every part of the shop; returns her Person."""
    user = UserFactory(email=EMAIL, phone=PHONE, first_name="Ophélie", last_name=LAST_NAME)
    person = person_of(user)
    _orders(user)
    _meals(person)
    _tools(user)
    _messages(person, user)
    PersonAddress.objects.create(person=person, line1="2250 rue Workman", postal_code="H3J 1L8",
                                 is_default=True)
    UserAddress.objects.create(user=user, first_name="Ophélie", last_name=LAST_NAME,
                               line1="2250 rue Workman", line4="Montréal", postcode="H3J 1L8",
                               country=canada(), phone_number=PHONE)
    consent_record(person=person, purpose=ConsentPurpose.NEWS, channel=ConsentChannel.SMS,
                   action=ConsentAction.GIVEN, method=ConsentMethod.DESK,
                   given_by=NAME, wording="J'accepte de recevoir les nouvelles par texto.")
    privacy_request_create(person=person, requester=NAME, kind="portability",
                           details="Copie demandée au téléphone par " + NAME)
    return person


def _orders(user):
    bookshop = SellerFactory(name="Librairie du Quartier", kind="bookshop")
    book = product_for(bookshop, title="Kamouraska", price="24.95", tax_class="books",
                       class_name="Livre imprimé")
    jam = product_for(bookshop, title="Confiture de bleuets", price="10.00")
    address = ShippingAddress(first_name="Ophélie", last_name=LAST_NAME,
                              line1="2250 rue Workman", line4="Montréal", postcode="H3J 1L8",
                              country=canada(), phone_number=PHONE,
                              notes="Appeler Ophélie Lacasse au 514 555-0177")
    place_order(customer=user, channel=Channel.WEB, fulfilment="delivery",
                payment_method=PaymentMethod.ON_DELIVERY, shipping_address=address,
                lines=[LineRequest(book), LineRequest(jam)])
    place_order(customer=user, channel=Channel.PHONE, fulfilment="pickup",
                payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(book)])


def _meals(person):
    program = program_with(weekdays=(0, 2), products=True)
    season = SeasonFactory(program=program)
    client = ClientFactory(
        person=person, user=person.user, first_name="Ophélie", last_name=LAST_NAME, phone=PHONE,
        email=EMAIL, address_line1="2250 rue Workman", postal_code="H3J 1L8",
        diet_restrictions="Sans sel", allergies="Arachides", access_notes="Clé sous le pot",
        emergency_contact_name="Luc Lacasse", emergency_contact_phone="+15145550178")
    registration_approve(registration=register(client, program, season, weekdays=[0, 2]), by=None)
    deliveries_generate(start=SEASON_START, days=7)
    return client


def _tools(user):
    library = ToolLibraryFactory()
    drill = rentable_product(library, title="Perceuse")
    unit = Unit.objects.filter(product=drill).first()
    reservation_row(unit, user, day(3), day(5))
    tier = MembershipTierFactory(seller=library)
    Membership.objects.create(member=user, tier=tier, start_date=day(-7),
                              end_date=day(-7) + timedelta(days=364), price_paid=Decimal("40.00"))


def _messages(person, user):
    from phone_orders.models import InboundSms

    SmsContact.objects.update_or_create(phone=PHONE, defaults={"person": person, "user": user,
                                                               "language": "fr"})
    OutboundMessage.objects.create(to=PHONE, body="Bonjour Ophélie Lacasse, votre commande est prête.",
                                   kind="other", key="test:ophelie:1", user=user)
    InboundSms.objects.create(message_sid="SM-ophelie-1", from_number=PHONE, body="STATUT",
                              command="status", reply="Ophélie, votre commande est prête.")


def neighbour():
    """Someone else, with an order and an SMS: none of it may appear in Ophélie's export."""
    user = UserFactory(email="voisin@example.org", phone="+15145550199",
                       first_name="Victor", last_name="Voisin")
    product = product_for(SellerFactory(name="Épicerie Solidaire"), title="Miel", price="8.00")
    place_order(customer=user, channel=Channel.WEB, fulfilment="pickup",
                payment_method=PaymentMethod.ON_DELIVERY, lines=[LineRequest(product)])
    OutboundMessage.objects.create(to="+15145550199", body="Bonjour Victor Voisin",
                                   kind="other", key="test:victor:1", user=user)
    return person_of(user)

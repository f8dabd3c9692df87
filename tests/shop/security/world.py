"""Three sellers with one of everything, each marked with words nobody else uses.

The bookshop and the tool library each get staff, a public and a hidden
product, a client who ordered from them only (by phone, delivered), a note on
that order, a rentable unit with a reservation; a client of both has an order
from each and one shared by both (``cooperative["shared_client"]``); the meal
service a program,
a season, a meal client with a registration, a delivery on a route and a
follow-up. The cooperative's own things (categories, offers, vouchers,
pages…) exist once. ``Seller.markers`` are strings that only that seller's
data contains: a page showing one of them to another seller's staff leaks.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from oscar.core.loading import get_model
from oscar.test.factories import (
    AttributeOptionGroupFactory,
    ConditionalOfferFactory,
    OptionFactory,
    ProductAlertFactory,
    ProductReviewFactory,
    RangeFactory,
    VoucherFactory,
    VoucherSetFactory,
    create_shipping_weight_band,
    create_shipping_weight_based,
)

from phone_orders.models import Campaign, InboxItem
from phone_orders.services.desk import desk_order_place
from services.models import FollowUp
from services.services import deliveries_generate, registration_approve, routes_plan
from shop import clock
from shop.accounts.services import user_make_coordinator
from shop.notifications.models import MessageKind, MessageStatus, OutboundMessage
from shop.payouts.models import Transfer
from tests.factories import (
    ProductFactory,
    StaffFactory,
    StockRecordFactory,
    UserFactory,
    seller_staff,
)
from tests.services.factories import (
    SEASON_START,
    ClientFactory,
    MealServiceFactory,
    SeasonFactory,
    program_with,
    register,
)
from tests.shop.rentals.factories import rentable_product, reservation_row

Category = get_model("catalogue", "Category")
CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderNote = get_model("order", "OrderNote")
Partner = get_model("partner", "Partner")


@dataclass
class Seller:
    """One seller's objects, and the strings only its data holds."""

    token: str
    partner: object = None
    staff: object = None
    objects: dict = field(default_factory=dict)
    markers: dict = field(default_factory=dict)  # what -> string


@dataclass
class World:
    bookshop: Seller
    tools: Seller
    meals: Seller
    cooperative: dict
    coordinator: object

    def other_than(self, name) -> Seller:
        return {"bookshop": self.tools, "tools": self.bookshop}[name]


def shop_seller(*, token, name, kind, staff_name, phone):
    """A bookshop or tool library with staff, products, a client's phone order, a loan."""
    seller = Seller(token=token)
    seller.partner = Partner._default_manager.create(name=name, kind=kind,
                                                     gst_number="123456789RT0001",
                                                     qst_number="1234567890TQ0001")
    seller.staff = seller_staff(seller.partner, first_name=staff_name, last_name=f"{token}staff",
                                email=f"staff@{token.lower()}-walk.example")
    public = ProductFactory(title=f"Article {token}plex", upc=f"UPC{token.upper()}PUB")
    hidden = ProductFactory(title=f"Brouillon {token}draft", upc=f"UPC{token.upper()}HID",
                            is_public=False)
    record = StockRecordFactory(product=public, partner=seller.partner,
                                partner_sku=f"SKU-{token.upper()}-01", price=Decimal("12.00"))
    StockRecordFactory(product=hidden, partner=seller.partner, partner_sku=f"SKU-{token.upper()}-02")
    client = UserFactory(first_name="Rita", last_name=f"{token}client",
                         email=f"client@{token.lower()}-walk.example",
                         phone=phone)
    order = desk_order_place(
        client=client, staff=seller.staff, lines=[(public, 1)], fulfilment="delivery",
        payment_method="on_delivery",
        address={"line1": f"77 rue {token}ville", "line4": "Montréal", "postcode": "H4C 1T1"})
    note = OrderNote.objects.create(order=order, user=seller.staff, message=f"Note {token}note")
    Transfer._default_manager.create(  # its share sent to its Stripe account (payouts)
        order=order, partner=seller.partner, destination=f"acct_{token}walk",
        amount=Decimal("12.00"), idempotency_key=f"transfer-{order.number}-{seller.partner.pk}",
        stripe_transfer_id=f"tr_{token}walk", status=Transfer.Status.SUCCEEDED)
    tool = rentable_product(seller.partner, title=f"Outil {token}tool", units=1,
                            tag_prefix=f"{token.upper()}UNIT")
    unit = tool.rental_units.get()
    start = clock.today() + timedelta(days=2)
    reservation = reservation_row(unit, client, start, start + timedelta(days=2))
    seller.objects = {
        "product": public, "hidden_product": hidden, "stockrecord": record,
        "client": client, "order": order, "line": order.lines.get(), "note": note,
        "unit": unit, "reservation": reservation,
        "review": ProductReviewFactory(product=public, user=client, title=f"Avis {token}review"),
        "alert": ProductAlertFactory(product=public, user=client),
    }
    seller.markers = {
        "seller name": name,
        "staff name": f"{staff_name} {token}staff",
        "product title": public.title,
        "hidden product title": hidden.title,
        "SKU": record.partner_sku,
        "order number": order.number,
        "client email": client.email,
        "client address": f"77 rue {token}ville",
        "order note": f"Note {token}note",
        "asset tag": unit.asset_tag,
        "review": f"Avis {token}review",
        # Clients are the cooperative's: the phone desk finds them by name or phone.
        "client name": f"Rita {token}client",
        "client phone": str(client.phone),
    }
    return seller


def meal_seller(*, token):
    """A meal service with a program, a client registered and delivered, a route, a follow-up."""
    seller = Seller(token=token)
    seller.partner = MealServiceFactory(name=f"Popote {token}walk")
    seller.staff = seller_staff(seller.partner, first_name="Claire", last_name=f"{token}staff")
    program = program_with(seller=seller.partner, weekdays=(0, 1, 2, 3, 4), products=True)
    season = SeasonFactory(program=program)
    client = ClientFactory(first_name="Hortense", last_name=f"{token}client",
                           allergies=f"arachides {token}allergy",
                           address_line1=f"88 rue {token}ville")
    registration = registration_approve(registration=register(client, program, season), by=None)
    deliveries_generate(start=SEASON_START, days=1)
    route = routes_plan(program=program, date=SEASON_START)[0]
    delivery = route.stops.get()
    follow_up = FollowUp.objects.create(client=client, program=program, delivery=delivery,
                                        reason=f"Rappeler {token}follow", created=clock.now())
    seller.objects = {"program": program, "season": season, "meal_client": client,
                      "registration": registration, "route": route, "delivery": delivery,
                      "follow_up": follow_up, "day": SEASON_START}
    seller.markers = {
        "seller name": seller.partner.name,
        "meal client name": f"Hortense {token}client",
        "meal client allergy": f"{token}allergy",
        "meal client address": f"88 rue {token}ville",
        "follow-up": f"Rappeler {token}follow",
        "program name": program.name,
    }
    return seller


def shared_client(*, bookshop, tools, coordinator):
    """A client of both sellers: one order from each, and one holding both sellers' lines."""
    client = UserFactory(first_name="Zoé", last_name="Deuxvendeurs", email="zoe@walk.example",
                         phone="+15145550773")
    for seller in (bookshop, tools):
        order = desk_order_place(
            client=client, staff=seller.staff, lines=[(seller.objects["product"], 1)],
            fulfilment="delivery", payment_method="on_delivery",
            address={"line1": f"12 rue {seller.token}zoé", "line4": "Montréal",
                     "postcode": "H4C 1T2"})
        seller.markers.update({"shared client's order number": order.number,
                               "shared client's address": f"12 rue {seller.token}zoé"})
    desk_order_place(
        client=client, staff=coordinator,
        lines=[(bookshop.objects["product"], 1), (tools.objects["product"], 2)],
        fulfilment="delivery", payment_method="on_delivery",
        address={"line1": "5 rue Commune", "line4": "Montréal", "postcode": "H4C 1T3"})
    return client


def cooperative_objects(*, tools):
    """The cooperative's own things, managed by coordinators only."""
    method = create_shipping_weight_based()
    site = Site.objects.get_current()
    page = FlatPage.objects.create(url="/page-walk/", title="Page walk", content="Walk")
    page.sites.add(site)
    return {
        "category": Category.add_root(name="Catégorie walk"),
        "product_class": tools.objects["product"].get_product_class(),
        "attribute_option_group": AttributeOptionGroupFactory(),
        "option": OptionFactory(),
        "page": page,
        "offer": ConditionalOfferFactory(),
        "range": RangeFactory(),
        "voucher": VoucherFactory(),
        "voucher_set": VoucherSetFactory(),
        "comms": CommunicationEventType.objects.create(code="WALK_EVENT", name="Walk event"),
        "shipping_method": method,
        "shipping_band": create_shipping_weight_band(10, Decimal("5.00"), weight_based=method),
        "inbox_item": InboxItem.objects.create(kind="sms", phone="+15145550999",
                                               body="Message walk"),
        "campaign": Campaign.objects.create(seller=tools.partner, name="Campagne walk",
                                            body="Walk", segment="seller_customers"),
        "outbound": OutboundMessage.objects.create(
            to="+15145550999", body="SMS walk", kind=MessageKind.REPLY, key="walk:failed",
            status=MessageStatus.FAILED, attempts=5),
    }


def people_objects(*, tools, meals):
    """A pending link of the meal client to the tool library's client; a privacy request."""
    from datetime import timedelta

    from shop import clock
    from shop.people.models import LinkRequest, Person, PrivacyRequest

    now = clock.now()
    client = tools.objects["client"]
    meal_client = meals.objects["meal_client"]
    if meal_client.person is None:
        meal_client.person = Person.objects.create(first_name=meal_client.first_name,
                                                   last_name=meal_client.last_name)
        meal_client.save(update_fields=["person"])
    return {
        "link_request": LinkRequest.objects.create(
            person=meal_client.person, account=client, matched_on="phone",
            created_at=now, expires_at=now + timedelta(days=7)),
        "privacy_request": PrivacyRequest.objects.create(
            person=client.person, requester=client.get_full_name(), kind="access",
            received_on=now.date(), due_on=now.date() + timedelta(days=30)),
    }


def build_world() -> World:
    bookshop = shop_seller(token="Kappa", name="Librairie Kappawalk", kind="bookshop",
                           staff_name="Simon", phone="+15145550771")
    tools = shop_seller(token="Sigma", name="Outilthèque Sigmawalk", kind="tool_library",
                        staff_name="Nadia", phone="+15145550772")
    meals = meal_seller(token="Omega")
    coordinator = user_make_coordinator(user=StaffFactory(first_name="Josée"))
    cooperative = cooperative_objects(tools=tools)
    cooperative["shared_client"] = shared_client(bookshop=bookshop, tools=tools,
                                                 coordinator=coordinator)
    cooperative.update(people_objects(tools=tools, meals=meals))
    return World(bookshop=bookshop, tools=tools, meals=meals, cooperative=cooperative,
                 coordinator=coordinator)

"""The demo's orders: three weeks of orders from every channel, so that the
dashboard home and the impact report have figures to show.

Each order is placed through the one pipeline (shop.pipeline.place_order),
moved along its statuses by the order event handler as staff would, then dated
back. Loaded once: if a demo client already has an order, nothing is done.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop import clock
from shop.order.models import Channel, PaymentMethod
from shop.order.services import order_status_change
from shop.order.statuses import OrderStatus as S
from shop.pipeline import LineRequest, place_order

from . import sellers
from .people import PEOPLE, Role

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")

PICKUP_DONE = (S.TO_PREPARE, S.READY, S.READY_FOR_PICKUP, S.COMPLETED)
DELIVERY_DONE = (S.TO_PREPARE, S.READY, S.OUT_FOR_DELIVERY, S.COMPLETED)


@dataclass(frozen=True)
class DemoOrder:
    days_ago: int
    client: str  # email, or phone for the phone-only client
    channel: str
    items: tuple  # (seller code, index among the seller's products, quantity)
    staff: str | None = None  # who entered it (phone orders)
    fulfilment: str = "pickup"
    steps: tuple = PICKUP_DONE


# Only goods: the tool library's tools are booked (load_demo_rentals), never sold.
BOOKS = sellers.BOOKSHOP.code
GERARD = "+15145550142"
ORDERS = (
    DemoOrder(20, "lea.tremblay@example.org", Channel.WEB, ((BOOKS, 0, 1), (BOOKS, 1, 1))),
    DemoOrder(18, GERARD, Channel.PHONE, ((BOOKS, 3, 1), (BOOKS, 4, 1)), staff="libraire@example.org"),
    DemoOrder(15, "marc-olivier.roy@example.org", Channel.WEB, ((BOOKS, 2, 1),),
              fulfilment="delivery", steps=DELIVERY_DONE),
    DemoOrder(12, "amina.diallo@example.org", Channel.WEB, ((BOOKS, 5, 1),)),
    DemoOrder(9, GERARD, Channel.SMS, ((BOOKS, 3, 1),)),
    DemoOrder(7, "amina.diallo@example.org", Channel.PHONE, ((BOOKS, 6, 1),),
              staff="libraire@example.org"),
    DemoOrder(5, "lea.tremblay@example.org", Channel.WEB, ((BOOKS, 8, 1),), steps=(S.CANCELLED,)),
    DemoOrder(3, GERARD, Channel.VOICE, ((BOOKS, 10, 1),), staff="libraire@example.org",
              steps=(S.TO_PREPARE, S.READY, S.READY_FOR_PICKUP)),
    DemoOrder(1, "marc-olivier.roy@example.org", Channel.WEB, ((BOOKS, 12, 1), (BOOKS, 13, 1)),
              steps=(S.TO_PREPARE,)),
    DemoOrder(0, "amina.diallo@example.org", Channel.PHONE, ((BOOKS, 14, 1),),
              staff="libraire@example.org", steps=()),
)


def demo_orders_load(*, orders=ORDERS, now=None) -> int:
    """Place the demo's orders once; return how many were placed."""
    users = _demo_clients()
    now = now or clock.now()
    if Order._default_manager.filter(user__in=users.values()).exists():
        _meals_billed(now)  # bills nothing twice
        return 0
    staff = {user.email: user for user in get_user_model()._default_manager.filter(is_active=True)}
    placed = 0
    for spec in orders:
        order = place_order(
            customer=users[spec.client], channel=spec.channel, placed_by=staff.get(spec.staff),
            fulfilment=spec.fulfilment, payment_method=PaymentMethod.ON_DELIVERY,
            lines=[LineRequest(_product(code, index), quantity)
                   for code, index, quantity in spec.items],
            shipping_address=(_delivery_address(users[spec.client])
                              if spec.fulfilment == "delivery" else None),
        )
        for status in spec.steps:
            order_status_change(order=order, new_status=status, user=staff.get(spec.staff))
        Order._default_manager.filter(pk=order.pk).update(
            date_placed=now - timedelta(days=spec.days_ago, hours=2))
        placed += 1
    _meals_billed(now)
    return placed


def _meals_billed(now):
    """Last month's meals billed by monthly invoice (once the meal demo is loaded)."""
    from services.demo import services_demo_bill_last_month

    services_demo_bill_last_month(today=clock.today(now))


def _demo_clients():
    User = get_user_model()
    clients = [p for p in PEOPLE if p.role in (Role.CLIENT, Role.PHONE_CLIENT)]
    by_key = {}
    for person in clients:
        lookup = {"email": person.email} if person.email else {"phone": person.phone}
        by_key[person.email or person.phone] = User._default_manager.get(**lookup)
    return by_key


def _delivery_address(user):
    """A street in the delivery area, for the demo's delivered order."""
    country, _created = Country._default_manager.get_or_create(
        iso_3166_1_a2="CA", defaults={"printable_name": "Canada", "name": "Canada"})
    return ShippingAddress(first_name=user.first_name, last_name=user.last_name,
                           line1="4321, rue Fabre", line4="Montréal", state="QC",
                           postcode="H2J 3V5", country=country)


def _product(seller_code, index):
    """The ``index``-th of the seller's products with two or more in stock."""
    records = (StockRecord._default_manager.filter(partner__code=seller_code, num_in_stock__gte=2)
               .select_related("product").order_by("partner_sku"))
    return records[index].product

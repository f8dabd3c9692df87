"""Billing: a period's delivered meals become one order per client, through the pipeline."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

from services.models import Client, Delivery, DeliveryStatus
from shop import clock
from shop.order.models import Channel
from shop.pipeline import LineRequest, place_order

from .clients import client_ensure_user

UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
Fulfilment = get_class("shipping.repository", "Fulfilment")


@dataclass
class BillingResult:
    orders: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (client, message)


def billing_run(*, program, period_start: date, period_end: date, by=None,
                now=None) -> BillingResult:
    """Bill every client's meals delivered in the period and not billed yet.

    One order per client, placed by ``shop.pipeline.place_order`` (channel
    "service") at the client's fare and with the client's payment method. A
    client that cannot be billed (no product for their meal, no phone nor email)
    is reported in ``skipped`` and the others are billed; so is a client whose
    account awaits its owner's confirmation, billed once the link is decided.
    Running it again bills nothing twice: each order marks its deliveries in the
    same transaction.
    """
    result = BillingResult()
    client_ids = _unbilled(program, period_start, period_end).values_list("client_id", flat=True)
    for client in Client._default_manager.filter(pk__in=set(client_ids)).order_by("pk"):
        try:
            order = client_bill(client=client, program=program, period_start=period_start,
                                period_end=period_end, by=by, now=now)
        except (ValidationError, UnableToPlaceOrder) as error:
            result.skipped.append((client, "; ".join(_messages(error))))
            continue
        if order is not None:
            result.orders.append(order)
    return result


def client_bill(*, client, program, period_start: date, period_end: date, by=None, now=None):
    """One order for ``client``'s unbilled delivered meals of the period, or None.

    A client whose phone or email belongs to an account awaiting its owner's
    confirmation is not billed (``ValidationError`` says why); the meals stay
    unbilled until the link is decided. The account is settled first, outside
    the order's transaction, so that the request to its owner is kept.
    """
    if not _unbilled(program, period_start, period_end).filter(client=client).exists():
        return None
    user = client_ensure_user(client=client, by=by)
    with transaction.atomic():
        deliveries = list(
            _unbilled(program, period_start, period_end).filter(client=client)
            .select_for_update(of=("self",)).select_related("meal_option")
        )
        if not deliveries:
            return None
        lines = _lines(client, deliveries)
        # The delivery is in the meal's price: no delivery charge is added.
        order = place_order(customer=user, channel=Channel.SERVICE, lines=lines,
                            fulfilment=Fulfilment.PICKUP, payment_method=client.payment_method,
                            placed_by=by if getattr(by, "pk", None) else None)
        Delivery._default_manager.filter(pk__in=[d.pk for d in deliveries]).update(
            billed_order=order, billed_at=now or clock.now()
        )
    return order


def _unbilled(program, period_start, period_end):
    return Delivery._default_manager.filter(
        program=program, date__range=(period_start, period_end),
        status=DeliveryStatus.DELIVERED, billed_order__isnull=True,
    )


def _lines(client, deliveries):
    meals = Counter()
    products = {}
    for delivery in deliveries:
        product = delivery.meal_option.product_for(client.fare)
        if product is None:
            raise ValidationError(
                _("The meal “%(meal)s” has no product at the client's price.")
                % {"meal": delivery.meal_option.name}, code="no_product")
        products[product.pk] = product
        meals[product.pk] += delivery.meals
    return [LineRequest(products[pk], meals[pk]) for pk in sorted(meals)]


def _messages(error):
    return getattr(error, "messages", None) or [str(error)]

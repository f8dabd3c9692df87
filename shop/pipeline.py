"""The one order pipeline: every channel places its orders here.

Web checkout, the phone desk, SMS reorders and meal-delivery billing all call
``place_order``. It runs Oscar's own machinery — strategy, offers, shipping,
surcharges, totals, ``OrderCreator`` — adds Québec taxes, records the channel,
the staff member and the payment method, and queues the confirmation after the
transaction commits. It needs no HTTP request.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from shop.catalogue.purchase import sale_routes_read
from shop.notifications.services import notify_order_placed
from shop.order.statuses import OrderStatus
from shop.shipping.repository import Fulfilment, delivery_refused
from shop.taxes import apply_taxes

Applicator = get_class("offer.applicator", "Applicator")
Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
StockRecord = get_model("partner", "StockRecord")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Product = get_model("catalogue", "Product")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")
SurchargeApplicator = get_class("checkout.applicator", "SurchargeApplicator")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineRequest:
    """One product and how many, for orders built from explicit lines."""

    product: object
    quantity: int = 1


def basket_for_lines(*, owner, lines, request=None):
    """A new basket holding ``lines`` (``LineRequest``), priced for ``owner``.

    The lines are priced as ``Basket.add_product`` prices them (a product asked
    for twice is one line) and written in one insert.
    """
    basket = Basket._default_manager.create(owner=owner if _is_real_user(owner) else None)
    basket.strategy = Selector().strategy(request=request, user=owner)
    products = _products_for_pricing(line.product.pk for line in lines)
    quantities = {}
    for line in lines:
        products.setdefault(line.product.pk, line.product)
        quantities[line.product.pk] = quantities.get(line.product.pk, 0) + line.quantity
    basket_lines = [_basket_line(basket, products[pk], quantity)
                    for pk, quantity in quantities.items()]
    if len({line.price_currency for line in basket_lines}) > 1:
        raise ValueError("Basket lines must all have the same currency.")
    BasketLine._default_manager.bulk_create(basket_lines)
    basket.priced_products = products
    return basket


def _basket_line(basket, product, quantity):
    """An unsaved basket line of ``product``, priced by the basket's strategy."""
    info = basket.strategy.fetch_for_product(product)
    if not info.availability.is_available_to_buy:
        raise UnableToPlaceOrder(
            _("%(product)s is not available.") % {"product": product.get_title()})
    if not info.price.exists or info.stockrecord is None:
        raise ValueError(f"Strategy hasn't found a price for product {product}")
    return BasketLine(
        basket=basket, product=product, stockrecord=info.stockrecord,
        line_reference=basket._create_line_reference(product, info.stockrecord, []),
        quantity=max(0, quantity), price_currency=info.price.currency,
        price_excl_tax=info.price.excl_tax, tax_code=info.price.tax_code,
        price_incl_tax=info.price.incl_tax if info.price.is_tax_known else None,
    )


def _products_for_pricing(pks):
    """Products by pk, read with what the strategy prices them from (class, stock
    records and their sellers) in two queries, whatever the number of lines."""
    stockrecords = StockRecord._default_manager.select_related("partner").order_by("pk")
    products = (Product._default_manager.filter(pk__in=set(pks))
                .select_related("product_class", "parent__product_class")
                .prefetch_related(Prefetch("stockrecords", queryset=stockrecords)))
    products = {product.pk: product for product in products}
    sale_routes_read(products.values())
    return products


def place_order(
    *,
    customer,
    channel,
    fulfilment,
    payment_method,
    basket=None,
    lines=None,
    shipping_address=None,
    billing_address=None,
    placed_by=None,
    guest_email="",
    order_number=None,
    request=None,
    payment_sources=(),
    payment_events=(),
):
    """Place one order and return it.

    ``basket`` or ``lines`` (a list of ``LineRequest``) says what is ordered;
    ``fulfilment`` is "pickup" or "delivery"; ``payment_method`` a
    ``PaymentMethod`` value; ``channel`` a ``Channel`` value; ``placed_by`` the
    staff member entering the order for the customer. Raises
    ``UnableToPlaceOrder`` with a message for the person placing the order.
    """
    with transaction.atomic():  # a refused order leaves nothing behind, its basket neither
        if basket is None:
            basket = basket_for_lines(owner=customer, lines=lines or [], request=request)
        _lock_basket(basket)
        basket.strategy = Selector().strategy(request=request, user=customer)
        _load_lines(basket)
        Applicator().apply(basket, customer if _is_real_user(customer) else None, request)
        if basket.is_empty:
            raise UnableToPlaceOrder(_("The order has no items."))
        order = _create_order(
            basket=basket,
            customer=customer,
            channel=channel,
            fulfilment=fulfilment,
            payment_method=payment_method,
            shipping_address=_saved(shipping_address),
            billing_address=_saved(billing_address),
            placed_by=placed_by,
            guest_email=guest_email,
            order_number=str(order_number or OrderNumberGenerator().order_number(basket)),
            request=request,
        )
        _record_payment(order, payment_method, payment_sources, payment_events)
        notify_order_placed(order=order)
        basket.submit()
        transaction.on_commit(lambda: _queue_confirmation(order.pk))
    return order


def initial_status(payment_method):
    """Orders paid later go straight to preparation; others wait for payment."""
    from shop.order.models import PaymentMethod

    if payment_method in PaymentMethod.pay_later():
        return OrderStatus.TO_PREPARE
    return OrderStatus.PENDING_PAYMENT


def _create_order(*, basket, customer, fulfilment, shipping_address, order_number,
                  request, payment_method, **order_fields):
    shipping_method = _shipping_method(basket, fulfilment, shipping_address)
    shipping_charge = shipping_method.calculate(basket)
    surcharges = SurchargeApplicator(request, {"basket": basket}).get_applicable_surcharges(
        basket, shipping_charge=shipping_charge
    )
    taxes = apply_taxes(basket, shipping_charge)
    total = OrderTotalCalculator(request).calculate(basket, shipping_charge, surcharges=surcharges)
    status = initial_status(payment_method)
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=shipping_method,
        shipping_charge=shipping_charge,
        user=customer,
        shipping_address=shipping_address,
        order_number=order_number,
        status=status,
        request=request,
        surcharges=surcharges,
        payment_method=payment_method,
        gst=taxes.gst,
        qst=taxes.qst,
        **order_fields,
    )


def _shipping_method(basket, fulfilment, shipping_address):
    if fulfilment == Fulfilment.DELIVERY and not _has_street_and_postcode(shipping_address):
        raise UnableToPlaceOrder(
            _("A delivery needs the client's address: the street and the postal code."))
    if fulfilment == Fulfilment.DELIVERY and delivery_refused(shipping_address):
        raise UnableToPlaceOrder(
            _("The cooperative does not deliver to %(postcode)s: choose pick-up at the seller's "
              "counter.") % {"postcode": shipping_address.postcode})
    try:
        return Repository().get_method_by_code(basket, fulfilment, shipping_address)
    except LookupError:
        raise UnableToPlaceOrder(_("Unknown delivery option: %s") % fulfilment) from None


def _has_street_and_postcode(address) -> bool:
    return bool(address is not None and (getattr(address, "line1", "") or "").strip()
                and (getattr(address, "postcode", "") or "").strip())


def _lock_basket(basket):
    """Lock the basket row, so two deliveries of one order cannot both pass."""
    Basket._default_manager.select_for_update().filter(pk=basket.pk).first()
    number = OrderNumberGenerator().order_number(basket)
    if Order._default_manager.filter(basket_id=basket.pk).exists():
        raise UnableToPlaceOrder(_("Order %s has already been placed.") % number)


def _load_lines(basket):
    """Read the basket's lines once, with what pricing, offers and ``OrderCreator``
    read of each (product and class, stock record and seller), into the basket's
    own cache of its lines (``Basket.all_lines``): a fixed number of queries
    whatever the number of lines. Products the basket was built from keep what
    the strategy already learnt of them (``basket_for_lines``)."""
    known = getattr(basket, "priced_products", {})
    lines = (basket.lines.select_related("product__product_class", "product__parent__product_class",
                                         "stockrecord__partner")
             .prefetch_related("attributes")
             .order_by("pk"))
    for line in lines:
        line.product = known.get(line.product_id, line.product)
        line.stockrecord.product = line.product
    basket._lines = lines  # evaluated above: Oscar's count() and iteration read its cache


def _record_payment(order, payment_method, sources, events):
    for source in sources:
        source.order = order
        source.save()
    for event in events:
        event.order = order
        event.save()
    if not sources:
        source_type, _created = SourceType._default_manager.get_or_create(
            code=payment_method, defaults={"name": payment_method}
        )
        Source._default_manager.create(
            order=order, source_type=source_type, currency=order.currency,
            amount_allocated=0, reference=order.number,
        )


def _saved(address):
    if address is not None and address.pk is None:
        address.save()
    return address


def _is_real_user(user):
    return user is not None and getattr(user, "is_authenticated", False)


def _queue_confirmation(order_id):
    """Queue the confirmation email; a broker outage must not fail a placed order.

    This runs after the order has committed: an error here would show the
    client a failed checkout (and cancel a card order's PaymentIntent) for an
    order that exists. The SMS confirmation is in the outbox and goes out later.
    """
    from shop.order.tasks import send_order_confirmation

    try:
        send_order_confirmation.delay(order_id)
    except Exception:
        logger.warning("Could not queue the confirmation email of order %s.", order_id,
                       exc_info=True)

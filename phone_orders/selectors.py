"""Reads for the phone channel: clients by phone or name, their recent orders."""

from django.db.models import Q
from oscar.core.loading import get_class, get_model

from shop.notifications.phones import to_e164
from shop.taxes import ZERO, TaxableItem, TaxClass, compute_taxes

User = get_model("accounts", "User")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")
LocalDelivery = get_class("shipping.methods", "LocalDelivery")


def user_for_phone(phone):
    """The client with this phone number (E.164), or None."""
    if not phone:
        return None
    return User._default_manager.filter(phone=phone).first()


def last_order(user):
    if user is None:
        return None
    return (Order._default_manager.filter(user=user).order_by("-date_placed", "-pk")
            .prefetch_related("lines").first())


def recent_orders(user, *, seen_by=None, limit=5):
    """The client's last orders; seller staff see those they placed or hold their lines."""
    orders = Order._default_manager.filter(user=user)
    if seen_by is not None and not seen_by.is_staff:
        orders = orders.filter(Q(placed_by=seen_by) | Q(lines__partner__users=seen_by)).distinct()
    return list(orders.order_by("-date_placed", "-pk").prefetch_related("lines")[:limit])


def clients_search(query: str, *, limit=20):
    """Clients whose phone (typed in any form) or name matches ``query``."""
    query = (query or "").strip()
    if not query:
        return User._default_manager.none()
    phone = to_e164(query)
    if phone:
        return User._default_manager.filter(phone=phone)
    condition = Q()
    for word in query.split():
        condition &= (Q(first_name__icontains=word) | Q(last_name__icontains=word)
                      | Q(email__icontains=word))
    return User._default_manager.filter(condition, is_staff=False).order_by("last_name", "first_name")[:limit]


# --- The phone desk's order preview ------------------------------------------------

def products_search(query: str, *, limit=10):
    """Public products of any seller matching ``query`` (title or code)."""
    query = (query or "").strip()
    if not query:
        return Product._default_manager.none()
    return (Product._default_manager.browsable()
            .filter(Q(title__icontains=query) | Q(upc__iexact=query), stockrecords__isnull=False)
            .select_related("product_class").prefetch_related("stockrecords__partner")
            .distinct().order_by("title")[:limit])


def order_preview(*, client, lines, fulfilment):
    """Lines, delivery charge, GST, QST and total of a draft phone order.

    ``lines`` are (product, quantity). Prices and tax classes come from the
    same strategy and tax rules as the pipeline, which computes them again
    when the order is placed.
    """
    strategy = Selector().strategy(user=client)
    rows, items = [], []
    for product, quantity in lines:
        row = _preview_row(strategy, product, quantity)
        rows.append(row)
        items.append(TaxableItem(product.pk, row["total"], row["tax_class"]))
    needs_shipping = any(row["product"].get_product_class().requires_shipping for row in rows)
    shipping = LocalDelivery.charge_excl_tax if fulfilment == "delivery" and needs_shipping else ZERO
    if shipping:
        items.append(TaxableItem("shipping", shipping, TaxClass.STANDARD))
    taxes = compute_taxes(items)
    subtotal = sum((row["total"] for row in rows), ZERO)
    return {"rows": rows, "subtotal": subtotal, "shipping": shipping, "gst": taxes.gst,
            "qst": taxes.qst, "total": subtotal + shipping + taxes.gst + taxes.qst}


def _preview_row(strategy, product, quantity):
    info = strategy.fetch_for_product(product)
    unit = info.price.excl_tax if info.price.exists else ZERO
    return {"product": product, "quantity": quantity, "unit": unit, "total": unit * quantity,
            "seller": info.stockrecord.partner if info.stockrecord else None,
            "tax_class": getattr(info.price, "tax_code", None) or TaxClass.STANDARD,
            "available": info.availability.is_available_to_buy}

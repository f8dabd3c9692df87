"""Reads for the phone channel: clients by phone or name, their recent orders.

The desk's reads take the staff member (``viewer``) and show what the access
policy (``shop.access``) lets them see: coordinators and phone desk volunteers
see whole orders and sell every seller's products; seller staff see and sell
their own sellers' part only. Clients' emails are shown to coordinators only.
"""

from decimal import Decimal

from django.db.models import Prefetch, Q
from oscar.core.loading import get_class, get_model

from shop import access
from shop.notifications.phones import to_e164
from shop.search.selectors import search_products
from shop.taxes import ZERO, TaxableItem, TaxClass, compute_taxes

User = get_model("accounts", "User")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")
LocalDelivery = get_class("shipping.methods", "LocalDelivery")


def user_for_phone(phone):
    """The client with this phone number (E.164), or None."""
    if not phone:
        return None
    return User._default_manager.filter(phone=phone).first()


def last_order(user):
    """The client's own last order (the SMS and voice channels tell the client about it)."""
    if user is None:
        return None
    return (Order._default_manager.filter(user=user).order_by("-date_placed", "-pk")
            .prefetch_related("lines").first())


# --- The phone desk: clients and their orders, as the staff member may see them ----


def desk_clients():
    """The accounts the desk takes orders for: clients, no staff account of any kind."""
    return access.client_accounts()


def desk_lines_visible_to(viewer):
    """Order lines ``viewer`` sees at the desk: all, or those of the sellers they serve."""
    if access.takes_orders_for_all_sellers(viewer):
        return Line._default_manager.all()
    return Line._default_manager.filter(partner__in=access.sellers_served_by(viewer))


def recent_orders(client, *, viewer, limit=5):
    """The client's last orders holding lines ``viewer`` sees, with only those lines.

    Each order gets ``visible_lines`` and ``visible_total`` (the order's total
    for those who see whole orders, else the total of the lines shown).
    """
    lines = desk_lines_visible_to(viewer)
    whole = access.takes_orders_for_all_sellers(viewer)
    orders = list(
        Order._default_manager.filter(user=client, pk__in=lines.values("order"))
        .order_by("-date_placed", "-pk")
        .prefetch_related(Prefetch("lines", queryset=lines.order_by("pk"), to_attr="visible_lines"))
        [:limit]
    )
    for order in orders:
        order.visible_total = order.total_incl_tax if whole else sum(
            (line.line_price_incl_tax for line in order.visible_lines), Decimal("0.00"))
    return orders


def last_address_seen_by(client, *, viewer):
    """The delivery address of the client's last order holding lines ``viewer`` sees."""
    order = (Order._default_manager
             .filter(user=client, shipping_address__isnull=False,
                     pk__in=desk_lines_visible_to(viewer).values("order"))
             .select_related("shipping_address").order_by("-date_placed", "-pk").first())
    return order.shipping_address if order else None


def clients_search(query: str, *, viewer, limit=20):
    """Clients whose phone (typed in any form) or name matches ``query``.

    Those who see clients' emails (``access.desk_sees_client_emails``) find
    clients by email too; everyone else by phone number or name only.
    """
    query = (query or "").strip()
    clients = desk_clients()
    if not query:
        return clients.none()
    phone = to_e164(query)
    if phone:
        return clients.filter(phone=phone)
    fields = ["first_name", "last_name"]
    if access.desk_sees_client_emails(viewer):
        fields.append("email")
    condition = Q()
    for word in query.split():
        matches = Q()
        for field in fields:
            matches |= Q(**{f"{field}__icontains": word})
        condition &= matches
    return clients.filter(condition).order_by("last_name", "first_name")[:limit]


def desk_read_back(number, *, viewer):
    """An order to read back to the client: ``(order, lines, totals)``, or None.

    Coordinators and phone desk volunteers read back any order, whole; seller
    staff the orders they took, with only their sellers' lines and the totals
    of those lines (``totals`` is None when the order is shown whole).
    """
    orders = Order._default_manager.select_related("user", "placed_by", "shipping_address")
    if not access.takes_orders_for_all_sellers(viewer):
        orders = orders.filter(placed_by=viewer)
    order = orders.filter(number=number).first()
    if order is None:
        return None
    lines = list(desk_lines_visible_to(viewer).filter(order=order).order_by("pk"))
    if len(lines) == order.lines.count():
        return order, lines, None
    if not lines:
        return None
    totals = {name: sum((getattr(line, name) for line in lines), Decimal("0.00"))
              for name in ("gst", "qst", "line_price_incl_tax")}
    return order, lines, totals


# --- The phone desk: products ---------------------------------------------------------


def products_for_desk(viewer):
    """Products ``viewer`` may order for a client: public, stocked by a seller they sell for."""
    return Product._default_manager.browsable().filter(
        stockrecords__partner__in=access.desk_sellers(viewer)).distinct()


def product_sellable_by(product_id, *, viewer):
    """The product ``product_id`` if ``viewer`` may order it for a client, else None."""
    return products_for_desk(viewer).filter(pk=product_id).first()


def products_search(query: str, *, viewer, limit=10):
    """Products ``viewer`` may sell matching ``query``, best match first, with those stock records.

    The storefront's search (title, author, ISBN, seller…; shop.search.selectors).
    """
    records = StockRecord._default_manager.filter(
        partner__in=access.desk_sellers(viewer)).select_related("partner")
    return (search_products(query=query or "", products=products_for_desk(viewer))
            .select_related("product_class")
            .prefetch_related(Prefetch("stockrecords", queryset=records))[:limit])


# --- The phone desk's order preview ------------------------------------------------

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

"""Reading invoices: whose documents of an order a client or a staff member may print."""

from django.db.models import F
from oscar.core.loading import get_model

from shop import access

from .models import Invoice, InvoiceKind

Order = get_model("order", "Order")


def documents_of(order):
    """The order's invoices then its credit notes, by seller (the cooperative last)."""
    return (Invoice.objects.filter(order=order)
            .select_related("seller", "sequence", "credited_invoice")
            .order_by("kind", F("seller__name").asc(nulls_last=True), "number"))


def client_order(*, user, number):
    """The order ``number`` if ``user`` placed it, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Order._default_manager.filter(number=number, user=user).first()


def documents_visible_to(*, user, order):
    """The order's documents ``user`` may print: all for coordinators, their sellers' for staff."""
    documents = documents_of(order)
    if access.is_coordinator(user):
        return documents
    return documents.filter(seller__in=access.sellers_served_by(user))


def has_invoices(order) -> bool:
    return Invoice.objects.filter(order=order, kind=InvoiceKind.INVOICE).exists()


def document_language(order) -> str:
    """The client's language ("fr" or "en"): French unless their record says English."""
    person = getattr(order.user, "person", None) if order.user_id else None
    return "en" if person is not None and person.language == "en" else "fr"


def orders_to_backfill():
    """Orders with no invoice yet, in the order they were placed."""
    from django.db.models import Exists, OuterRef

    invoiced = Invoice.objects.filter(order=OuterRef("pk"))
    return (Order._default_manager.filter(~Exists(invoiced))
            .order_by("date_placed", "pk"))


def buyer_name_of(order) -> str:
    """The client's name as the order knows it: their account's, else an address's."""
    user = order.user
    name = f"{user.first_name} {user.last_name}".strip() if user is not None else ""
    for address in (order.billing_address, order.shipping_address):
        if not name and address is not None:
            name = (address.name or "").strip()
    return name[:255]


def invoiced_numbers(orders) -> set:
    """The numbers of those of ``orders`` that have invoices (one query)."""
    ids = [order.pk for order in orders]
    return set(Invoice.objects.filter(order_id__in=ids, kind=InvoiceKind.INVOICE)
               .values_list("order__number", flat=True))

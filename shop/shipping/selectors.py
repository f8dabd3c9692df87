"""Reads about how an order reaches its client: the sellers' counters, the delivery address.

A pick-up order is collected at the counter of each seller it holds: an order
from two sellers has two counters.
"""

from dataclasses import dataclass

from oscar.core.loading import get_model

from .repository import Fulfilment

Partner = get_model("partner", "Partner")


@dataclass(frozen=True)
class Counter:
    """Where a client picks up one seller's items."""

    name: str
    address_lines: tuple
    opening_hours: str
    phone: str
    email: str


def counter_of(partner) -> Counter:
    """The counter of one seller: name, address, opening hours when it has them, phone."""
    address = partner.addresses.order_by("pk").first()
    lines = ()
    if address is not None:
        # "4380 rue Saint-Denis", then "Montréal (QC) H2J 2L1", as on a Québec envelope.
        town = " ".join(part for part in (
            address.line4.strip(), f"({address.state.strip()})" if address.state.strip() else "",
            address.postcode.strip()) if part)
        lines = tuple(line.strip() for line in (address.line1, address.line2, address.line3, town)
                      if line and line.strip())
    hours = getattr(partner, "opening_hours", "") or ""
    phone = getattr(partner, "contact_phone", "") or ""
    return Counter(
        name=partner.name,
        address_lines=lines,
        opening_hours=str(hours).strip(),
        phone=phone.as_national if hasattr(phone, "as_national") else str(phone),
        email=getattr(partner, "contact_email", "") or "",
    )


def order_counters(order) -> list[Counter]:
    """The counters of the sellers of ``order``'s lines, by seller name."""
    partners = Partner._default_manager.filter(order_lines__order=order).distinct().order_by("name")
    return [counter_of(partner) for partner in partners]


def basket_counters(basket) -> list[Counter]:
    """The counters a basket would be picked up at, by seller name."""
    ids = {line.stockrecord.partner_id for line in basket.all_lines() if line.stockrecord_id}
    partners = Partner._default_manager.filter(pk__in=ids).order_by("name")
    return [counter_of(partner) for partner in partners]


def is_pickup(order) -> bool:
    return order.shipping_code == Fulfilment.PICKUP


def is_delivery(order) -> bool:
    return order.shipping_code == Fulfilment.DELIVERY

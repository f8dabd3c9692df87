"""Reads of the prepaid balance: what a person has, had, and how it moved."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Sum

from shop import clock

from .models import BalanceEntry

ZERO = Decimal("0.00")


def _start_of(day: date) -> datetime:
    """The first moment of ``day`` in the shop's time zone."""
    return datetime.combine(day, time.min, tzinfo=clock.shop_zone())


def _total(entries) -> Decimal:
    return entries.aggregate(total=Sum("amount"))["total"] or ZERO


def balance_of(*, person) -> Decimal:
    """What ``person`` has on their prepaid balance now."""
    return _total(BalanceEntry.objects.filter(person=person))


def balance_on(*, person, day: date) -> Decimal:
    """The balance of ``person`` at the end of ``day`` (shop time zone)."""
    end = _start_of(day + timedelta(days=1))
    return _total(BalanceEntry.objects.filter(person=person, created_at__lt=end))


def balance_movements(*, person, start: date, end: date) -> list:
    """The movements of ``person`` from ``start`` to ``end`` (both days included), oldest first.

    Each has ``.created_at``, ``.label`` (the kind, translated) and ``.amount``.
    """
    return list(
        BalanceEntry.objects.filter(
            person=person,
            created_at__gte=_start_of(start),
            created_at__lt=_start_of(end + timedelta(days=1)),
        ).select_related("order")
    )


def recent_movements(*, person, limit: int = 50) -> list:
    """The latest movements of ``person``, newest first."""
    return list(BalanceEntry.objects.filter(person=person)
                .select_related("order").order_by("-created_at", "-pk")[:limit])


# --- What a signed-in client may pay with ----------------------------------------------


def person_of_account(user):
    """The person of a signed-in account, or None (read only: nothing is made)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from oscar.core.loading import get_model

    return get_model("people", "Person")._default_manager.filter(user=user).first()


def balance_covering(*, user, total: Decimal) -> Decimal | None:
    """The balance of ``user``'s person when it covers ``total``, else None."""
    person = person_of_account(user)
    if person is None or total is None:
        return None
    balance = balance_of(person=person)
    return balance if balance > 0 and balance >= total else None


def is_meal_client(*, user) -> bool:
    """Whether ``user``'s person is a registered meal client (monthly invoice offered)."""
    person = person_of_account(user)
    return person is not None and hasattr(person, "meal_client")

"""Tool-library loans and the inventory back office.

A rentable Oscar product has one ``RentableItem`` (its loan terms) and any
number of ``Unit`` rows, the physical copies. A ``Reservation`` books one unit
for a range of days; it blocks the unit from its first day up to, but not
including, ``blocked_until`` = the day after its last day plus the buffer days
kept for checking and cleaning. Blocking reservations of one unit never overlap
(an exclusion constraint on PostgreSQL, the service check everywhere).

Dates are calendar days in the shop's time zone; ``end_date`` is the last day
of the loan (the item is due back that day).
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .constraints import DateRange, PostgresOnlyExclusionConstraint

ZERO = Decimal("0.00")
MAX_BUFFER_DAYS = 30


def money(verbose_name, **kwargs):
    kwargs.setdefault("default", ZERO)
    return models.DecimalField(verbose_name, max_digits=10, decimal_places=2, **kwargs)


class RentableItem(models.Model):
    """The loan terms of a product that is lent, not sold."""

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="rental_terms",
        verbose_name=_("product"),
    )
    price_per_day = money(_("price per day"))
    price_per_week = money(
        _("price per week"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Leave empty to charge seven days."),
    )
    deposit = money(_("deposit"))
    late_fee_per_day = money(_("late fee per day"))
    max_loan_days = models.PositiveSmallIntegerField(_("maximum loan length (days)"), default=14)
    buffer_days = models.PositiveSmallIntegerField(
        _("buffer days"),
        default=1,
        validators=[MaxValueValidator(MAX_BUFFER_DAYS)],
        help_text=_("Days kept free after each loan for checking and cleaning."),
    )
    membership_required = models.BooleanField(_("membership required"), default=True)

    class Meta:
        verbose_name = _("rentable item")
        verbose_name_plural = _("rentable items")

    def __str__(self):
        return str(self.product)

    def rental_fee(self, days: int) -> Decimal:
        """The fee for a loan of ``days`` days: whole weeks at the weekly price, then days."""
        week = self.price_per_week if self.price_per_week is not None else self.price_per_day * 7
        weeks, rest = divmod(days, 7)
        return weeks * week + min(rest * self.price_per_day, week)


class UnitStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    MAINTENANCE = "maintenance", _("In maintenance")
    RETIRED = "retired", _("Retired")


class UnitCondition(models.TextChoices):
    NEW = "new", _("New")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    WORN = "worn", _("Worn")
    DAMAGED = "damaged", _("Damaged")


class Unit(models.Model):
    """One physical copy of a rentable product, known by its asset tag."""

    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        related_name="rental_units",
        verbose_name=_("product"),
    )
    seller = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="rental_units",
        verbose_name=_("seller"),
    )
    asset_tag = models.CharField(_("asset tag"), max_length=40, unique=True)
    condition = models.CharField(
        _("condition"), max_length=10, choices=UnitCondition.choices, default=UnitCondition.GOOD
    )
    status = models.CharField(
        _("status"), max_length=12, choices=UnitStatus.choices, default=UnitStatus.AVAILABLE
    )
    location = models.CharField(_("location"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["asset_tag"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["product", "status"], name="rentals_unit_product_status")]

    def __str__(self):
        return self.asset_tag


class ReservationStatus(models.TextChoices):
    HELD = "held", _("Held until payment")
    CONFIRMED = "confirmed", _("Confirmed")
    CHECKED_OUT = "checked_out", _("Checked out")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", _("Cancelled")


#: Statuses whose planned range blocks the unit (the exclusion constraint's condition).
BLOCKING_STATUSES = (
    ReservationStatus.HELD,
    ReservationStatus.CONFIRMED,
    ReservationStatus.CHECKED_OUT,
)


class DepositStatus(models.TextChoices):
    NONE = "none", _("No deposit")
    HELD = "held", _("Held")
    RETURNED = "returned", _("Returned")
    KEPT = "kept", _("Kept")


OVERLAP_MESSAGE = _("This unit is already booked for some of these days.")


class Reservation(models.Model):
    """One unit booked by one member for a range of days, then lent and returned."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reservations", verbose_name=_("unit")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="rental_reservations",
        verbose_name=_("member"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"), help_text=_("The day the item is due back."))
    buffer_days = models.PositiveSmallIntegerField(_("buffer days"), default=0)
    blocked_until = models.DateField(
        _("blocked until"),
        help_text=_("First day the unit is free again: the day after the loan plus the buffer."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReservationStatus.choices,
        default=ReservationStatus.CONFIRMED,
    )
    hold_expires_at = models.DateTimeField(_("hold expires at"), null=True, blank=True)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rental_reservations",
        verbose_name=_("order"),
    )
    rental_fee = money(_("rental fee"))
    deposit_amount = money(_("deposit"))
    deposit_status = models.CharField(
        _("deposit"), max_length=10, choices=DepositStatus.choices, default=DepositStatus.NONE
    )
    deposit_reason = models.TextField(_("reason the deposit was kept"), blank=True)
    deposit_settled_at = models.DateTimeField(_("deposit settled at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_condition = models.CharField(
        _("condition on return"), max_length=10, choices=UnitCondition.choices, blank=True
    )
    return_notes = models.TextField(_("notes on return"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        indexes = [
            models.Index(fields=["unit", "blocked_until"], name="rentals_res_unit_blocked"),
            models.Index(fields=["status", "end_date"], name="rentals_res_status_end"),
            models.Index(fields=["status", "hold_expires_at"], name="rentals_res_status_hold"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="rentals_res_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gt=F("end_date")),
                name="rentals_res_blocked_after_end",
            ),
            PostgresOnlyExclusionConstraint(
                name="rentals_reservation_no_overlap",
                expressions=[
                    (DateRange("start_date", "blocked_until", RangeBoundary()),
                     RangeOperators.OVERLAPS),
                    ("unit", RangeOperators.EQUAL),
                ],
                condition=Q(status__in=[str(s) for s in BLOCKING_STATUSES]),
                violation_error_message=OVERLAP_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.start_date}–{self.end_date}"

    @staticmethod
    def blocked_until_for(end_date, buffer_days):
        return end_date + timedelta(days=1 + buffer_days)

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_blocking(self) -> bool:
        return self.status in BLOCKING_STATUSES

    def days_late(self, on) -> int:
        """Whole days past the due date on ``on`` (0 when on time or early)."""
        return max(0, (on - self.end_date).days)


class MaintenancePeriod(models.Model):
    """Days a unit cannot be lent; an open period (no last day) lasts until closed."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="maintenance_periods", verbose_name=_("unit")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("maintenance period")
        verbose_name_plural = _("maintenance periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="rentals_maint_end_after_start",
            ),
        ]

    def __str__(self):
        return "{} {}–{}".format(self.unit, self.start_date, self.end_date or "…")


class ChargeKind(models.TextChoices):
    LATE_FEE = "late_fee", _("Late fee")
    DEPOSIT_KEPT = "deposit_kept", _("Deposit kept")


class RentalCharge(models.Model):
    """Money owed on a loan beyond its booking: a late fee, a kept deposit."""

    reservation = models.ForeignKey(
        Reservation, on_delete=models.PROTECT, related_name="charges",
        verbose_name=_("reservation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChargeKind.choices)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    amount = money(_("amount"))
    note = models.TextField(_("note"), blank=True)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rental_charges",
        verbose_name=_("order"),
        help_text=_("The order that bills this charge."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("rental charge")
        verbose_name_plural = _("rental charges")
        constraints = [
            models.UniqueConstraint(
                fields=["reservation", "kind"], name="rentals_one_charge_of_a_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"


# --- Memberships ------------------------------------------------------------


class MembershipTier(models.Model):
    """A yearly membership of a seller, sold as an Oscar product."""

    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="membership_tiers",
        verbose_name=_("seller"),
    )
    name = models.CharField(_("name"), max_length=100)
    max_items = models.PositiveSmallIntegerField(
        _("items held at once"), default=2,
        help_text=_("How many items a member of this tier may have booked or borrowed at once."),
    )
    price = money(_("yearly price"))
    solidarity_price = money(_("solidarity price"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="membership_tiers", verbose_name=_("product"),
        help_text=_("The product sold for this membership."),
    )
    solidarity_product = models.ForeignKey(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="solidarity_membership_tiers", verbose_name=_("solidarity product"),
    )

    class Meta:
        ordering = ["seller", "max_items"]
        verbose_name = _("membership tier")
        verbose_name_plural = _("membership tiers")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A member's year with a seller, from ``start_date`` to ``end_date`` inclusive."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rental_memberships",
        verbose_name=_("member"),
    )
    tier = models.ForeignKey(
        MembershipTier, on_delete=models.PROTECT, related_name="memberships",
        verbose_name=_("tier"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    solidarity = models.BooleanField(_("solidarity price"), default=False)
    price_paid = money(_("price paid"))
    order = models.ForeignKey(
        "order.Order", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="rental_memberships", verbose_name=_("order"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-end_date"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.member} — {self.tier} ({self.start_date}–{self.end_date})"


class WaitlistEntry(models.Model):
    """A member waiting for a unit of a product; told, in order, when one comes back."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="rental_waitlist",
        verbose_name=_("product"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rental_waitlist",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    notified_at = models.DateTimeField(_("told"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist entries")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "member"], condition=Q(notified_at__isnull=True),
                name="rentals_one_waiting_entry",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.product}"


# --- Reminders --------------------------------------------------------------


class ReminderKind(models.TextChoices):
    DUE_TOMORROW = "due_tomorrow", _("Due tomorrow")
    OVERDUE = "overdue", _("Overdue")


class LoanReminder(models.Model):
    """One reminder sent for a loan on a day: at most one of a kind per loan per day."""

    reservation = models.ForeignKey(
        Reservation, on_delete=models.CASCADE, related_name="reminders",
        verbose_name=_("reservation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    sent_on = models.DateField(_("day"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("loan reminder")
        verbose_name_plural = _("loan reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["reservation", "sent_on"], name="rentals_one_reminder_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.reservation} {self.kind} {self.sent_on}"


# --- Inventory --------------------------------------------------------------


class AdjustmentReason(models.TextChoices):
    RECEIVED = "received", _("Received")
    COUNT = "count", _("Stock count correction")
    DAMAGED = "damaged", _("Damaged")
    LOST = "lost", _("Lost or stolen")
    RETURNED = "returned", _("Returned by a client")
    IMPORT = "import", _("Catalogue import")
    OTHER = "other", _("Other")


class StockAdjustment(models.Model):
    """One change to a stock record's level, with its reason: the stock history."""

    stockrecord = models.ForeignKey(
        "partner.StockRecord", on_delete=models.CASCADE, related_name="adjustments",
        verbose_name=_("stock record"),
    )
    delta = models.IntegerField(_("change"))
    level_after = models.IntegerField(_("level after"))
    reason = models.CharField(_("reason"), max_length=20, choices=AdjustmentReason.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("stock adjustment")
        verbose_name_plural = _("stock adjustments")

    def __str__(self):
        return f"{self.delta:+d} {self.stockrecord}"

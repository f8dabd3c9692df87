"""Every action on rentals and inventory: plain keyword-only functions, one transaction each.

Reservations (``reservations``), the staff desk (``desk``), memberships,
waitlists, billing through the order pipeline, stock adjustments and the
catalogue import each have their module; the names most callers need are
re-exported here.
"""

from .booking import (  # noqa: F401
    booking_checkout_link,
    booking_payment_method,
    reservation_book,
    reservations_order_paid,
)
from .desk import (  # noqa: F401
    deposit_settle,
    late_fee_charge,
    loan_check_in,
    loan_check_out,
    maintenance_plan,
    unit_by_tag,
    unit_maintenance_end,
    unit_maintenance_start,
)
from .memberships import membership_check, membership_create, membership_valid  # noqa: F401
from .reservations import (  # noqa: F401
    blocking_days,
    holds_release_expired,
    rentable_terms,
    reservation_cancel,
    reservation_confirm,
    reservation_create,
)
from .waitlist import waitlist_join, waitlist_notify_next  # noqa: F401

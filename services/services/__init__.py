"""Writes: every change to meal-delivery records goes through these functions.

Keyword-only, one transaction per action, named ``<entity>_<action>``. Reads
are in ``services.selectors``.
"""

from .billing import BillingResult, billing_run, client_bill
from .clients import (
    client_create,
    client_ensure_user,
    client_update,
    consent_record,
    sms_consent_set,
)
from .common import check_cutoff, earliest_change_date
from .deliveries import (
    deliveries_generate,
    deliveries_generate_nightly,
    delivery_skip,
    registration_cancel,
    registration_pause,
    registration_resume,
    registrations_resume_due,
)
from .registrations import (
    places_taken,
    registration_approve,
    registration_create,
    registration_refuse,
    registration_waitlist,
    waitlist_offer_accept,
    waitlist_offer_decline,
    waitlist_offers_expire,
)
from .routes import (
    delivery_move,
    delivery_record_outcome,
    follow_up_close,
    route_reorder,
    route_set_driver,
    routes_plan,
)

__all__ = [
    "BillingResult", "billing_run", "check_cutoff", "client_bill", "client_create",
    "client_ensure_user", "client_update", "consent_record", "deliveries_generate",
    "deliveries_generate_nightly", "delivery_move", "delivery_record_outcome", "delivery_skip",
    "earliest_change_date", "follow_up_close", "places_taken", "registration_approve",
    "registration_cancel", "registration_create", "registration_pause", "registration_refuse",
    "registration_resume", "registration_waitlist", "registrations_resume_due", "route_reorder",
    "route_set_driver", "routes_plan", "sms_consent_set", "waitlist_offer_accept",
    "waitlist_offer_decline", "waitlist_offers_expire",
]

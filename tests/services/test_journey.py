"""Acceptance: one registration online, one by phone for a client with no email.

Both are approved in the coordinator's queue, get their deliveries from the
nightly job, are delivered on the route sheet and billed through the pipeline.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from services.models import Registration, RegistrationChannel, RegistrationStatus
from services.services import billing_run, deliveries_generate_nightly
from shop.order.models import Channel
from tests.clock import at
from tests.services.factories import SEASON_START
from tests.services.test_views_public import answers, step

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


def test_an_online_and_a_phone_registration_are_approved_delivered_and_billed(
        client, meal_program, meal_season, popote_staff, coordinator, settings):
    # Online, by a relative, while the registration window is open (today, the frozen day).
    for name, data in answers(meal_program).items():
        assert client.post(step(meal_program, name), data).status_code == 302

    # By phone, for a client with no email.
    client.force_login(popote_staff)
    client.post(reverse("services:registration-create"), {
        "program": meal_program.pk, "client-first_name": "Gérard",
        "client-last_name": "Bouchard", "client-phone": "514 555-0142",
        "client-address_line1": "12, rue du Couvent", "client-city": "Montréal",
        "client-postal_code": "H4C 2K1", "client-language": "fr",
        "client-preferred_channel": "phone", "client-fare": "solidarity",
        "client-payment_method": "invoice", "reg-season": meal_season.pk,
        "reg-weekdays": ["0"], "reg-meal_option": meal_program.meal_options.first().pk,
        "reg-meals_per_delivery": 1, "reg-requested_start": SEASON_START.isoformat(),
        "consent-consent": "on",
    })
    web = Registration.objects.get(channel=RegistrationChannel.WEB)
    phone = Registration.objects.get(channel=RegistrationChannel.PHONE)
    assert phone.client.email == ""

    # The coordinator approves both from the queue.
    client.force_login(coordinator)
    for registration in (web, phone):
        client.post(reverse("services:registration-action", args=[registration.pk, "approve"]))
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.APPROVED

    # The nightly job generates the first week; the driver delivers everything.
    settings.MEAL_DELIVERY_DAYS_AHEAD = 7
    night = at(SEASON_START, 1, 30)
    assert deliveries_generate_nightly(now=night) == 3  # web: Mon + Fri; phone: Mon
    client.post(reverse("services:route-sheets",
                        args=[meal_program.pk, SEASON_START.isoformat()]))
    for registration in (web, phone):
        for delivery in registration.deliveries.all():
            if delivery.route_id is None:
                client.post(reverse("services:route-sheets",
                                    args=[meal_program.pk, delivery.date.isoformat()]))
                delivery.refresh_from_db()
            client.post(reverse("services:stop-outcome", args=[delivery.pk]),
                        {"outcome": "delivered"})

    # Billing the week: one service order each, at each client's price.
    result = billing_run(program=meal_program, period_start=SEASON_START,
                         period_end=SEASON_START + timedelta(days=6), by=coordinator)
    assert len(result.orders) == 2
    web.client.refresh_from_db()
    phone.client.refresh_from_db()
    by_user = {order.user_id: order for order in Order.objects.all()}
    assert by_user[web.client.user_id].total_incl_tax == 16  # 2 regular meals
    assert by_user[phone.client.user_id].total_incl_tax == 5  # 1 solidarity meal
    assert phone.client.user.email is None
    assert {order.channel for order in by_user.values()} == {Channel.SERVICE}

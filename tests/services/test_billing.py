"""Billing: delivered meals become one pipeline order per client, never billed twice."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from services.models import Delivery, DeliveryStatus, Fare
from services.services import (
    billing_run,
    deliveries_generate,
    delivery_record_outcome,
    registration_approve,
)
from shop.order.models import Channel, PaymentMethod
from tests.factories import PhoneOnlyClientFactory, StaffFactory
from tests.services.factories import SEASON_START, ClientFactory, register

Order = get_model("order", "Order")
User = get_model("accounts", "User")

pytestmark = pytest.mark.django_db
PERIOD = (SEASON_START, SEASON_START + timedelta(days=13))  # two weeks


def delivered(client, program, season, *, weekdays=(0, 2), meals=1, option=None):
    """An approved registration whose two weeks of deliveries were all made."""
    registration = registration_approve(
        registration=register(client, program, season, weekdays=weekdays, meals=meals,
                              option=option), by=None)
    deliveries_generate(start=PERIOD[0], days=14, registrations=[registration])
    for delivery in registration.deliveries.all():
        delivery_record_outcome(delivery=delivery, outcome=DeliveryStatus.DELIVERED)
    return registration


class TestBillingRun:
    def test_makes_one_service_order_per_client_at_their_price(self, meal_program, meal_season):
        regular = ClientFactory()
        solidarity = ClientFactory(fare=Fare.SOLIDARITY, payment_method=PaymentMethod.ON_DELIVERY)
        delivered(regular, meal_program, meal_season)  # 4 deliveries of 1 meal
        delivered(solidarity, meal_program, meal_season, weekdays=(4,), meals=2)  # 2 × 2 meals
        staff = StaffFactory()
        result = billing_run(program=meal_program, period_start=PERIOD[0],
                             period_end=PERIOD[1], by=staff)
        assert len(result.orders) == 2 and result.skipped == []
        orders = {order.user_id: order for order in Order.objects.all()}
        regular.refresh_from_db()
        solidarity.refresh_from_db()
        first, second = orders[regular.user_id], orders[solidarity.user_id]
        assert first.channel == Channel.SERVICE and first.placed_by == staff
        assert first.payment_method == PaymentMethod.INVOICE
        assert second.payment_method == PaymentMethod.ON_DELIVERY
        # The meal service is tax exempt: no GST or QST, no delivery charge.
        assert (first.total_incl_tax, first.gst, first.qst) == (D("32.00"), D("0.00"), D("0.00"))
        assert (second.total_incl_tax, second.num_items) == (D("20.00"), 4)
        assert second.lines.get().product == meal_program.meal_options.first().solidarity_product

    def test_groups_the_meals_of_each_option_on_one_line(self, meal_program, meal_season):
        client = ClientFactory()
        regular, diabetic = meal_program.meal_options.all()
        registration = delivered(client, meal_program, meal_season, weekdays=(0,))
        registration.deliveries.filter(date=SEASON_START).update(meal_option=diabetic)
        order = billing_run(program=meal_program, period_start=PERIOD[0],
                            period_end=PERIOD[1]).orders[0]
        assert sorted((line.product_id, line.quantity) for line in order.lines.all()) == sorted(
            [(regular.regular_product_id, 1), (diabetic.regular_product_id, 1)])

    def test_a_second_run_bills_nothing_more(self, meal_program, meal_season):
        delivered(ClientFactory(), meal_program, meal_season)
        billing_run(program=meal_program, period_start=PERIOD[0], period_end=PERIOD[1])
        again = billing_run(program=meal_program, period_start=PERIOD[0], period_end=PERIOD[1])
        assert again.orders == [] and Order.objects.count() == 1
        assert not Delivery.objects.filter(billed_order__isnull=True).exists()

    def test_bills_only_delivered_meals_of_the_period(self, meal_program, meal_season):
        registration = delivered(ClientFactory(), meal_program, meal_season)
        registration.deliveries.filter(date=SEASON_START).update(
            status=DeliveryStatus.NOBODY_HOME)
        order = billing_run(program=meal_program, period_start=PERIOD[0],
                            period_end=SEASON_START + timedelta(days=6)).orders[0]
        # The first Wednesday; the first Monday nobody home; the next Monday is later.
        assert order.num_items == 1

    def test_a_client_with_no_account_gets_a_phone_only_one(self, meal_program, meal_season):
        client = ClientFactory(phone="+15145550199", email="")
        delivered(client, meal_program, meal_season)
        order = billing_run(program=meal_program, period_start=PERIOD[0],
                            period_end=PERIOD[1]).orders[0]
        client.refresh_from_db()
        assert order.user == client.user
        assert client.user.email is None and str(client.user.phone) == "+15145550199"
        assert not client.user.has_usable_password()

    def test_a_client_whose_phone_has_an_account_waits_for_its_owner_then_is_billed_on_it(
            self, meal_program, meal_season):
        from shop.people.models import LinkRequest
        from shop.people.services.linking import link_request_confirm_by_staff

        account = PhoneOnlyClientFactory(phone="+15145550142")
        client = ClientFactory(phone="+15145550142")
        delivered(client, meal_program, meal_season)

        held = billing_run(program=meal_program, period_start=PERIOD[0], period_end=PERIOD[1])
        assert held.orders == [] and not Order.objects.filter(user=account).exists()
        assert "confirmation" in held.skipped[0][1]
        assert Delivery.objects.filter(billed_order__isnull=True).count() == 4

        link_request_confirm_by_staff(link_request=LinkRequest.objects.get(),
                                      staff=StaffFactory())
        order = billing_run(program=meal_program, period_start=PERIOD[0],
                            period_end=PERIOD[1]).orders[0]
        assert order.user == account and User.objects.filter(phone="+15145550142").count() == 1
        assert order.lines.get().quantity == 4

    def test_a_meal_with_no_product_is_reported_and_others_are_billed(self, meal_program,
                                                                       meal_season):
        regular, diabetic = meal_program.meal_options.all()
        diabetic.regular_product = None
        diabetic.save()
        skipped = ClientFactory()
        delivered(skipped, meal_program, meal_season, option=diabetic)
        delivered(ClientFactory(), meal_program, meal_season)
        result = billing_run(program=meal_program, period_start=PERIOD[0], period_end=PERIOD[1])
        assert len(result.orders) == 1
        assert result.skipped[0][0] == skipped
        assert Delivery.objects.filter(client=skipped, billed_order__isnull=True).count() == 4

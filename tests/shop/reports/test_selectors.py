"""Each figure on the October of ``conftest.coop``, its answer worked out by hand."""

from decimal import Decimal

import pytest

from shop.reports import selectors
from shop.reports.selectors import Period
from tests.shop.reports.conftest import at, on

pytestmark = pytest.mark.django_db

OCTOBER = Period(on(10, 1), on(10, 31))
COOP = None


class TestPeopleServed:
    def test_the_cooperative_counts_each_person_once(self, coop):
        # Léa (orders A and B, loan B), Gérard (order A, meals M: one account),
        # the guest (two emails differing in case), Rita (meals, no account),
        # Théo (loan B); Xavier's only order is cancelled: 5 people.
        assert selectors.people_served(sellers=COOP, period=OCTOBER) == 5

    def test_each_seller_counts_the_people_it_served(self, coop):
        # A: Léa, Gérard, the guest = 3. B: Léa (order and loan: once), the
        # guest (shared order), Théo = 3. M: Gérard, Rita = 2.
        assert selectors.people_served(sellers=[coop.a], period=OCTOBER) == 3
        assert selectors.people_served(sellers=[coop.b], period=OCTOBER) == 3
        assert selectors.people_served(sellers=[coop.m], period=OCTOBER) == 2

    def test_by_seller_lists_every_seller_and_may_add_up_to_more_than_the_cooperative(self, coop):
        rows = selectors.people_served_by_seller(sellers=COOP, period=OCTOBER)

        # 3 + 3 + 2 = 8 > 5: Léa, Gérard and the guest are served by two sellers.
        assert [(row["seller"].name, row["people"]) for row in rows] == [
            ("Librairie du Quartier", 3), ("Outilthèque Rosemont", 3),
            ("Popote roulante de l'Est", 2)]

    def test_a_meal_client_who_is_an_account_holder_counts_once(self, coop):
        from services.models import Client

        # Rita's meal client record turns out to be Théo, who borrowed a tool at B:
        # one person record for both (as a confirmed link leaves it), no account on
        # the meal client record itself.
        rita = Client.objects.get(first_name="Rita")
        theo = type(coop.lea).objects.get(first_name="Théo")
        rita.person = theo.person
        rita.save(update_fields=["person"])

        # 5 less one: Rita and Théo are one person.
        assert selectors.people_served(sellers=COOP, period=OCTOBER) == 4
        # Each seller still counts the person it served.
        assert selectors.people_served(sellers=[coop.m], period=OCTOBER) == 2
        assert selectors.people_served(sellers=[coop.b], period=OCTOBER) == 3

    def test_an_order_with_neither_account_nor_email_is_nobody_we_can_count(self, coop):
        from tests.shop.reports.conftest import place_order

        book = coop.a.stockrecords.get(product__title="Les Belles-sœurs").product
        place_order(book, channel="phone", when=at(8, 10))
        august = Period(on(8, 1), on(8, 31))

        # The order counts, the person cannot be told apart from anyone.
        assert selectors.orders_by_channel(sellers=COOP, period=august)[1]["orders"] == 1
        assert selectors.people_served(sellers=COOP, period=august) == 0

    def test_nobody_is_served_in_an_empty_period(self, coop):
        assert selectors.people_served(sellers=COOP, period=Period(on(8, 1),
                                                                   on(8, 31))) == 0


class TestNewPeople:
    def test_the_cooperative_counts_people_never_served_before(self, coop):
        # 5 served in October, less Léa (web order at A on 20 Sep) = 4.
        assert selectors.new_people(sellers=COOP, period=OCTOBER) == 4

    def test_a_seller_counts_people_new_to_it(self, coop):
        # A: Gérard and the guest (Léa ordered at A in September) = 2.
        # B: Léa, the guest and Théo are all new to B = 3.
        assert selectors.new_people(sellers=[coop.a], period=OCTOBER) == 2
        assert selectors.new_people(sellers=[coop.b], period=OCTOBER) == 3

    def test_nobody_is_new_in_a_period_after_everyone_was_served(self, coop):
        # November: nobody ordered, got a meal or borrowed a tool.
        assert selectors.new_people(sellers=COOP, period=Period(on(11, 1),
                                                                on(11, 30))) == 0


class TestChannels:
    def test_orders_per_channel_leave_out_cancelled_ones(self, coop):
        rows = selectors.orders_by_channel(sellers=COOP, period=OCTOBER)

        # web: Léa 5 Oct + guest 21 Oct (Xavier's cancelled, Léa's of 20 Sep out of
        # the period) = 2; phone: Léa; SMS: Gérard; voice: the guest.
        assert {row["channel"]: row["orders"] for row in rows} == {
            "web": 2, "phone": 1, "sms": 1, "voice": 1, "service": 0}
        assert [str(row["label"]) for row in rows][:3] == ["Web", "Téléphone", "Texto"]

    def test_a_seller_counts_the_orders_holding_its_lines(self, coop):
        rows = selectors.orders_by_channel(sellers=[coop.b], period=OCTOBER)

        # B: Léa's phone order and the guest's shared web order.
        assert {row["channel"]: row["orders"] for row in rows} == {
            "web": 1, "phone": 1, "sms": 0, "voice": 0, "service": 0}

    def test_registrations_per_channel(self, coop):
        rows = selectors.registrations_by_channel(sellers=COOP, period=OCTOBER)

        # Created in October: Rita (phone), Gérard (online), Paul (walk-in),
        # Zoé (SMS); Hugo's was created in September.
        assert {row["channel"]: row["registrations"] for row in rows} == {
            "web": 1, "phone": 1, "sms": 1, "walk_in": 1}

    def test_non_web_shares_of_the_cooperative(self, coop):
        shares = selectors.non_web_shares(sellers=COOP, period=OCTOBER)

        # Orders: 3 of 5 not on the web = 60 %. Registrations: 3 of 4 = 75 %.
        # Both: (3 + 3) / (5 + 4) = 6 / 9 = 66.7 %.
        assert (shares["orders"].part, shares["orders"].total, shares["orders"].percent) == (
            3, 5, 60.0)
        assert shares["registrations"].percent == 75.0
        assert (shares["both"].part, shares["both"].total, shares["both"].percent) == (6, 9, 66.7)

    def test_non_web_shares_of_one_seller(self, coop):
        shares = selectors.non_web_shares(sellers=[coop.a], period=OCTOBER)

        # A's orders: Léa web, Gérard SMS, guest voice, guest web = 2 of 4 = 50 %;
        # A takes no registration, so both = 2 / 4.
        assert shares["orders"].percent == 50.0
        assert shares["registrations"].total == 0
        assert shares["registrations"].percent is None
        assert shares["both"].percent == 50.0


class TestMeals:
    def test_meals_delivered_leave_out_nobody_home_and_scheduled(self, coop):
        # Gérard 6 Oct 2 meals, Rita 7 Oct 1 meal, Rita 14 Oct 1 meal:
        # 3 deliveries, 2 + 1 + 1 = 4 meals.
        figures = selectors.meals_delivered(sellers=COOP, period=OCTOBER)

        assert figures == {"deliveries": 3, "meals": 4}

    def test_solidarity_meals_are_those_of_clients_at_the_solidarity_price(self, coop):
        # Rita's 1 + 1 delivered meals.
        assert selectors.solidarity_meals_delivered(sellers=COOP, period=OCTOBER) == 2

    def test_other_sellers_delivered_no_meal(self, coop):
        assert selectors.meals_delivered(sellers=[coop.a], period=OCTOBER)["meals"] == 0

    def test_meals_of_the_day(self, coop):
        # 14 Oct: Gérard 2 meals still scheduled, Rita 1 meal delivered:
        # 3 to cook, 1 delivery (2 meals) still to make.
        figures = selectors.meals_today(sellers=[coop.m], day=on(10, 14))

        assert figures == {"meals_to_cook": 3, "deliveries_to_make": 1, "meals_to_deliver": 2}


class TestWaitingList:
    def test_waitlist_today_counts_waiting_registrations_and_their_wait(self, coop):
        # At noon 12 Oct: Paul waits since noon 2 Oct (10 days), Zoé since noon
        # 7 Oct (5 days): 2 waiting, (10 + 5) / 2 = 7.5 days, longest 10.
        figures = selectors.waitlist_today(sellers=COOP, now=at(10, 12))

        assert figures == {"waiting": 2, "average_days": 7.5, "longest_days": 10.0}

    def test_places_from_the_waitlist_in_the_period(self, coop):
        # Hugo registered at noon 1 Sep, accepted a place at noon 11 Oct:
        # 30 days of September + 10 of October = 40 days.
        figures = selectors.places_from_waitlist(sellers=COOP, period=OCTOBER)

        assert figures == {"placed": 1, "average_days": 40.0}

    def test_a_seller_without_program_has_no_waiting_list(self, coop):
        figures = selectors.waitlist_today(sellers=[coop.a], now=at(10, 12))

        assert figures == {"waiting": 0, "average_days": None, "longest_days": None}


class TestLoans:
    def test_loans_and_loan_days(self, coop):
        # Checked out in October: Théo 3 Oct, returned 8 Oct = 6 days; Léa
        # 25–31 Oct, still out = 7 days. Ulysse and Vera were checked out in
        # September. 2 loans, 6 + 7 = 13 loan-days.
        assert selectors.loans(sellers=COOP, period=OCTOBER) == {"loans": 2, "loan_days": 13}
        assert selectors.loans(sellers=[coop.a], period=OCTOBER) == {"loans": 0, "loan_days": 0}

    def test_loans_due_and_overdue_on_a_day(self, coop):
        # 9 Oct: Ulysse's is due that day; Vera's was due 5 Oct; Théo's is back.
        assert selectors.loans_due(sellers=[coop.b], day=on(10, 9)) == {
            "due_today": 1, "overdue": 1}


class TestRevenue:
    def test_revenue_by_seller_splits_shared_orders_by_line(self, coop):
        rows = selectors.revenue_by_seller(sellers=COOP, period=OCTOBER)

        # A: books of Léa, Gérard, the guest's voice and shared orders = 4 × 20.00
        # = 80.00 (Xavier's cancelled); B: drills of Léa and the shared order =
        # 2 × 35.00 = 70.00. Prices here are without tax.
        assert [(row["seller"], row["orders"], row["incl_tax"]) for row in rows] == [
            ("Librairie du Quartier", 4, Decimal("80.00")),
            ("Outilthèque Rosemont", 2, Decimal("70.00")),
        ]

    def test_a_seller_sees_only_its_own_revenue(self, coop):
        rows = selectors.revenue_by_seller(sellers=[coop.b], period=OCTOBER)

        assert [(row["seller"], row["excl_tax"]) for row in rows] == [
            ("Outilthèque Rosemont", Decimal("70.00"))]


class TestOperations:
    def test_orders_by_channel_and_status_count_every_status(self, coop):
        rows = selectors.orders_by_channel_and_status(
            sellers=COOP, start=at(10, 15, 0), end=at(10, 16, 0))

        # 15 Oct: Xavier's cancelled web order only.
        assert rows == [{"channel": "web", "status": "Cancelled", "orders": 1}]

    def test_open_follow_ups_of_the_meal_service_only(self, coop):
        # One open ("nobody home" on 9 Oct), one closed.
        assert selectors.open_follow_ups(sellers=COOP) == 1
        assert selectors.open_follow_ups(sellers=[coop.a]) == 0

    def test_call_backs_waiting_are_those_not_done(self, coop):
        # A voicemail and a missed call waiting; an SMS done.
        assert selectors.call_backs_waiting() == 2

    def test_low_stock_counts_records_at_or_below_their_threshold(self, coop):
        # A's postcard: 0 in stock, at or below any threshold; the book (50, less
        # 6 ordered), the drill (50, less 2) and B's 4 saws stay above the default 3.
        assert selectors.low_stock(sellers=COOP) == 1
        assert selectors.low_stock(sellers=[coop.a]) == 1
        assert selectors.low_stock(sellers=[coop.b]) == 0

    def test_failed_sms(self, coop):
        assert selectors.failed_sms() == 1


class TestSms:
    def test_sent_and_delivered_in_the_period(self, coop):
        # Sent in October: 3 Oct, 30 Oct, 5 Oct (failed later) = 3.
        # Delivered in October: 3 Oct, 1 Oct (sent 30 Sep) = 2; 1 Nov is out.
        assert selectors.sms_sent_and_delivered(period=OCTOBER) == {"sent": 3, "delivered": 2}

"""Memberships are sold as products: an order gives the buyer the membership, online or at the desk."""

from decimal import Decimal

import pytest
from django.urls import reverse

from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments.services import payment_received
from shop.pipeline import LineRequest, place_order
from shop.rentals.models import Membership
from shop.rentals.services.membership_products import (
    MEMBERSHIP_CLASS,
    membership_tier_products_ensure,
)
from shop.shipping.repository import Fulfilment
from tests.clock import day
from tests.factories import StaffFactory, UserFactory, seller_staff

from .factories import MembershipTierFactory, ToolLibraryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return ToolLibraryFactory(name="Outilthèque A", contact_phone="+15145550120")


@pytest.fixture
def tier(library):
    return membership_tier_products_ensure(tier=MembershipTierFactory(
        seller=library, name="Individuelle", price=Decimal("40.00"),
        solidarity_price=Decimal("10.00")))


def buy(member, product, payment_method=PaymentMethod.ON_DELIVERY):
    return place_order(customer=member, channel=Channel.WEB, fulfilment=Fulfilment.PICKUP,
                       payment_method=payment_method, lines=[LineRequest(product=product)])


def memberships(member):
    return list(Membership.objects.filter(member=member).order_by("start_date")
                .values_list("start_date", "end_date", "price_paid", "solidarity"))


class TestATierSoldAsProducts:
    def test_has_a_full_and_a_solidarity_product_at_its_prices_not_lent(self, tier, library):
        for product, price in ((tier.product, "40.00"), (tier.solidarity_product, "10.00")):
            record = product.stockrecords.get()
            assert (record.partner, record.price) == (library, Decimal(price))
            assert product.product_class.name == MEMBERSHIP_CLASS
            assert not product.product_class.requires_shipping
            assert not hasattr(product, "rental_terms") or product.rental_terms is None

    def test_is_not_duplicated_when_ensured_again_and_follows_a_new_price(self, tier):
        tier.price = Decimal("45.00")
        tier.save()

        again = membership_tier_products_ensure(tier=tier)

        assert again.product == tier.product
        assert tier.product.stockrecords.get().price == Decimal("45.00")


class TestAnOrderPaidLater:
    def test_makes_the_buyer_a_member_for_a_year_once_placed(self, tier):
        member = UserFactory()

        order = buy(member, tier.product)

        assert order.status == OrderStatus.TO_PREPARE
        assert memberships(member) == [(day(0), day(364), Decimal("40.00"), False)]
        assert Membership.objects.get(member=member).order == order

    def test_at_the_solidarity_price_records_it(self, tier):
        member = UserFactory()

        buy(member, tier.solidarity_product)

        assert memberships(member) == [(day(0), day(364), Decimal("10.00"), True)]

    def test_extends_a_running_membership_of_the_same_tier_from_the_day_after_it_ends(self, tier):
        member = UserFactory()
        Membership.objects.create(member=member, tier=tier, start_date=day(-300),
                                  end_date=day(64), price_paid=Decimal("40.00"))

        buy(member, tier.product)

        assert memberships(member)[-1][:2] == (day(65), day(429))

    def test_starts_today_when_the_old_one_has_lapsed(self, tier):
        member = UserFactory()
        Membership.objects.create(member=member, tier=tier, start_date=day(-400),
                                  end_date=day(-36), price_paid=Decimal("40.00"))

        buy(member, tier.product)

        assert memberships(member)[-1][:2] == (day(0), day(364))

    def test_of_other_products_makes_nobody_a_member(self, tier, library):
        from tests.factories import product_for

        member = UserFactory()
        buy(member, product_for(library, title="Sac de toile"))

        assert memberships(member) == []


class TestAnOrderPaidByCard:
    def test_gives_the_membership_only_once_paid_and_only_once(self, tier):
        member = UserFactory()
        order = buy(member, tier.product, payment_method=PaymentMethod.CARD)
        assert order.status == OrderStatus.PENDING_PAYMENT
        assert memberships(member) == []

        source = order.sources.get()
        for _twice in range(2):
            payment_received(order=order, source=source, amount=order.total_incl_tax,
                             reference="pi_123")

        assert memberships(member) == [(day(0), day(364), Decimal("40.00"), False)]


class TestSellingAMembershipAtTheDesk:
    def sell(self, client, member, tier, **fields):
        data = {"client": member.pk, "tier": tier.pk, "paid_with": "later", **fields}
        return client.post(reverse("rentals:membership-sell"), data, follow=True)

    def test_by_the_tool_library_staff_paid_at_the_counter_makes_a_member_and_a_paid_order(
            self, client, tier, library):
        staff = seller_staff(library)
        member = UserFactory(first_name="Amina", last_name="Diallo")
        client.force_login(staff)

        response = self.sell(client, member, tier, paid_with="cash", solidarity="on")

        assert "Abonnement vendu" in response.content.decode()
        membership = Membership.objects.get(member=member)
        order = membership.order
        assert (membership.solidarity, membership.price_paid) == (True, Decimal("10.00"))
        assert (order.channel, order.placed_by, order.payment_method) == (
            Channel.PHONE, staff, PaymentMethod.ON_DELIVERY)
        assert order.sources.get().amount_debited == Decimal("10.00")

    def test_paid_later_makes_a_member_with_an_order_still_to_pay(self, client, tier, library):
        client.force_login(seller_staff(library))
        member = UserFactory()

        self.sell(client, member, tier)

        order = Membership.objects.get(member=member).order
        assert order.sources.get().amount_debited == Decimal("0.00")

    def test_by_a_coordinator_is_allowed(self, client, tier):
        client.force_login(StaffFactory())
        member = UserFactory()

        self.sell(client, member, tier)

        assert Membership.objects.filter(member=member).exists()

    def test_by_another_sellers_staff_is_refused(self, client, tier):
        other = seller_staff(ToolLibraryFactory(name="Outilthèque B"))
        client.force_login(other)
        member = UserFactory()

        response = self.sell(client, member, tier)

        assert response.status_code == 200  # their own desk, without this tier
        assert not Membership.objects.filter(member=member).exists()

    def test_service_refuses_another_sellers_staff(self, tier):
        from django.core.exceptions import PermissionDenied

        from shop.rentals.services.membership_sales import membership_sell_at_desk

        with pytest.raises(PermissionDenied):
            membership_sell_at_desk(client=UserFactory(), tier=tier,
                                    staff=seller_staff(ToolLibraryFactory(name="Outilthèque B")))

    def test_page_is_closed_to_clients(self, client, tier):
        client.force_login(UserFactory())

        assert client.get(reverse("rentals:membership-sell")).status_code == 404

    def test_page_is_closed_to_a_bookshops_staff(self, client, tier):
        from tests.factories import SellerFactory

        UserFactory(first_name="Gérard", last_name="Lecteur")
        client.force_login(seller_staff(SellerFactory(name="Librairie", kind="bookshop")))

        page = client.get(reverse("rentals:membership-sell"), {"q": "Gérard"})

        assert page.status_code == 404
        assert "Lecteur" not in page.content.decode()

    def test_staff_find_clients_by_name_but_not_by_email(self, client, tier, library):
        UserFactory(first_name="Gérard", last_name="Lecteur", email="gerard@example.org")
        client.force_login(seller_staff(library))

        by_name = client.get(reverse("rentals:membership-sell"), {"q": "lecteur"})
        by_email = client.get(reverse("rentals:membership-sell"), {"q": "gerard@example.org"})

        assert "Gérard Lecteur" in by_name.content.decode()
        assert "Lecteur" not in by_email.content.decode()

    def test_finds_the_client_by_phone_number(self, client, tier, library):
        from tests.factories import PhoneOnlyClientFactory

        client.force_login(seller_staff(library))
        member = PhoneOnlyClientFactory(phone="+15145550199", first_name="Gérard")

        page = client.get(reverse("rentals:membership-sell"), {"q": "514 555-0199"})

        assert "Gérard" in page.content.decode()
        assert f'value="{member.pk}"' in page.content.decode()


class TestThePlansPage:
    def test_shows_each_tier_with_its_prices_what_it_gives_and_the_phone(self, client, tier):
        page = client.get(reverse("rentals:membership-plans")).content.decode()

        assert "Individuelle" in page
        assert "40,00" in page and "10,00" in page
        assert "2 outils" in page and "365 jours" in page
        assert "(514) 555-0120" in page and "tel:+15145550120" in page
        assert reverse("basket:add", kwargs={"pk": tier.product.pk}) in page

    def test_become_a_member_puts_the_tier_in_the_basket(self, client, tier):
        client.force_login(UserFactory())

        client.post(reverse("basket:add", kwargs={"pk": tier.product.pk}), {"quantity": 1})

        basket = client.get(reverse("basket:summary")).content.decode()
        assert "Individuelle" in basket


def test_the_demo_tool_library_sells_its_tiers_as_products():
    import io

    from django.core.management import call_command

    from shop.demo.loader import demo_load
    from shop.partner.strategy import Selector
    from shop.rentals.models import MembershipTier

    demo_load()
    call_command("load_demo_rentals", stdout=io.StringIO())

    strategy = Selector().strategy()
    sold = {(tier.name, str(strategy.fetch_for_product(product).price.excl_tax))
            for tier in MembershipTier.objects.all()
            for product in (tier.product, tier.solidarity_product)
            if strategy.fetch_for_product(product).availability.is_available_to_buy}
    assert sold == {("Adhésion individuelle", "40.00"), ("Adhésion individuelle", "10.00"),
                    ("Adhésion famille", "60.00"), ("Adhésion famille", "15.00")}


def test_a_guest_order_of_a_membership_makes_nobody_a_member_and_is_logged(tier, caplog):
    from django.contrib.auth.models import AnonymousUser

    order = place_order(customer=AnonymousUser(), guest_email="invite@example.org",
                        channel=Channel.WEB, fulfilment=Fulfilment.PICKUP,
                        payment_method=PaymentMethod.ON_DELIVERY,
                        lines=[LineRequest(product=tier.product)])

    assert not Membership.objects.exists()
    assert f"Order {order.number} holds a membership" in caplog.text

"""The one access policy (``shop.access``): who is who, and what the menu shows."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.urls import reverse

from shop import access
from shop.accounts.services import user_make_coordinator
from tests.factories import StaffFactory, UserFactory, seller_staff
from tests.services.factories import program_with

pytestmark = pytest.mark.django_db


def dashboard_access():
    return Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")


@pytest.fixture
def bookseller(sellers):
    return seller_staff(sellers["bookshop"])


@pytest.fixture
def volunteer(db):
    user = UserFactory(first_name="Lucie")
    user.groups.add(Group.objects.get(name=access.PHONE_DESK_GROUP))
    return user


class TestCoordinators:
    def test_are_active_staff_accounts(self):
        assert access.is_coordinator(StaffFactory())

    def test_include_administrators(self):
        assert access.is_coordinator(UserFactory(is_superuser=True))

    def test_exclude_a_deactivated_account(self):
        assert not access.is_coordinator(StaffFactory(is_active=False))

    def test_exclude_visitors_clients_and_seller_staff(self, bookseller):
        for user in (AnonymousUser(), UserFactory(), bookseller):
            assert not access.is_coordinator(user)


class TestTheSellersSomeoneServes:
    def test_are_those_whose_staff_they_are_with_the_dashboard_permission(self, sellers,
                                                                       bookseller):
        assert list(access.sellers_served_by(bookseller)) == [sellers["bookshop"]]

    def test_are_none_without_the_dashboard_permission(self, sellers):
        user = UserFactory()
        sellers["bookshop"].users.add(user)
        assert not access.sellers_served_by(user).exists()
        assert not access.is_staff_member(user)

    def test_are_none_once_the_account_is_deactivated(self, bookseller):
        bookseller.is_active = False
        bookseller.save()
        assert not access.sellers_served_by(bookseller).exists()

    def test_are_none_with_the_permission_but_no_seller(self):
        user = UserFactory()
        user.user_permissions.add(dashboard_access())
        assert not access.is_seller_staff(user)

    def test_coordinators_see_every_seller_but_serve_none(self, sellers):
        coordinator = StaffFactory()
        assert set(access.sellers_visible_to(coordinator)) == set(sellers.values())
        assert not access.sellers_served_by(coordinator).exists()


class TestMealPrograms:
    def test_the_meal_services_staff_work_on_its_programs_only(self, sellers):
        program, other = program_with(), program_with()
        staff = seller_staff(program.seller)
        assert list(access.programs_visible_to(staff)) == [program]
        assert access.may_use_services(staff)
        assert other not in access.programs_visible_to(staff)

    def test_someone_on_the_sellers_list_without_the_dashboard_permission_sees_none(self):
        """``Partner.users`` alone used to be enough for the meal pages."""
        program = program_with()
        user = UserFactory()
        program.seller.users.add(user)
        assert not access.programs_visible_to(user).exists()
        assert not access.may_use_services(user)

    def test_other_sellers_staff_see_none_and_coordinators_all(self, bookseller):
        program = program_with()
        assert not access.may_use_services(bookseller)
        assert list(access.programs_visible_to(StaffFactory())) == [program]


class TestThePhoneDesk:
    def test_coordinators_and_volunteers_order_for_every_seller(self, sellers, volunteer):
        for user in (StaffFactory(), volunteer):
            assert access.takes_orders_for_all_sellers(user)
            assert set(access.desk_sellers(user)) == set(sellers.values())

    def test_seller_staff_order_for_their_own_seller(self, sellers, bookseller):
        assert access.may_use_phone_desk(bookseller)
        assert not access.takes_orders_for_all_sellers(bookseller)
        assert list(access.desk_sellers(bookseller)) == [sellers["bookshop"]]

    def test_dashboard_permission_without_a_seller_is_not_enough(self, sellers):
        """It used to open the desk, with every seller's products."""
        user = UserFactory()
        user.user_permissions.add(dashboard_access())
        assert not access.may_use_phone_desk(user)
        assert not access.desk_sellers(user).exists()

    def test_only_coordinators_see_clients_emails(self, bookseller, volunteer):
        assert access.desk_sees_client_emails(StaffFactory())
        assert not access.desk_sees_client_emails(bookseller)
        assert not access.desk_sees_client_emails(volunteer)

    def test_the_role_is_held_by_nobody_after_the_migrations(self):
        group = Group.objects.get(name=access.PHONE_DESK_GROUP)
        assert list(group.permissions.values_list("codename", flat=True)) == [
            "take_orders_for_all_sellers"]
        assert not group.user_set.exists()

    def test_clients_are_accounts_of_no_staff(self, bookseller):
        client = UserFactory()
        StaffFactory()
        assert list(access.client_accounts()) == [client]


def menu_leaves():
    for entry in settings.OSCAR_DASHBOARD_NAVIGATION:
        for leaf in entry.get("children", [entry]):
            if leaf.get("url_name"):
                yield leaf


class TestTheDashboardMenu:
    def test_names_pages_only_and_leaves_access_to_the_pages_apps(self):
        own = [leaf["url_name"] for leaf in menu_leaves() if "access_fn" in leaf
               and not leaf["url_name"].startswith("twofactor:")]
        assert own == []
        assert settings.OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION == "shop.access.menu_access"

    def test_shows_each_entry_to_exactly_those_its_page_opens_to(self, client, sellers,
                                                                   bookseller, volunteer):
        program = program_with()
        people = {
            "coordinator": user_make_coordinator(user=UserFactory()),
            "bookseller": bookseller,
            "meal staff": seller_staff(program.seller),
            "volunteer": volunteer,
            "client": UserFactory(),
        }
        mismatches = []
        for who, user in people.items():
            client.force_login(user)
            for leaf in menu_leaves():
                if leaf["url_name"].startswith("twofactor:"):
                    continue
                opens = client.get(reverse(leaf["url_name"])).status_code == 200
                if access.menu_access(user, leaf["url_name"]) != opens:
                    mismatches.append((who, leaf["url_name"], opens))
        assert mismatches == []

    def test_shows_the_phone_desk_to_a_volunteer_and_not_the_inbox(self, client, volunteer):
        client.force_login(volunteer)
        html = client.get(reverse("phone_orders:desk")).content.decode()
        assert reverse("phone_orders:desk") in html
        assert reverse("phone_orders:inbox") not in html


class TestThePagesFollowThePolicy:
    """The same rule everywhere: the copies it replaced disagreed on these people."""

    def test_someone_on_a_meal_services_list_without_the_permission_gets_no_meal_page(
            self, client):
        program = program_with()
        user = UserFactory()
        program.seller.users.add(user)
        client.force_login(user)
        assert client.get(reverse("services:home")).status_code == 404

    def test_the_dashboard_permission_without_a_seller_opens_no_seller_page(self, client,
                                                                          sellers):
        user = UserFactory()
        user.user_permissions.add(dashboard_access())
        client.force_login(user)
        for name in ("phone_orders:desk", "payments:dashboard-settlement", "reports:impact"):
            assert client.get(reverse(name)).status_code == 403, name
        assert client.get(reverse("rentals:desk")).status_code == 404

    def test_an_administrator_opens_the_coordinators_pages(self, client):
        client.force_login(UserFactory(is_superuser=True))
        for name in ("phone_orders:inbox", "phone_orders:campaigns", "notifications:outbox"):
            assert client.get(reverse(name)).status_code == 200, name

    def test_a_deactivated_coordinator_opens_none(self, client):
        coordinator = user_make_coordinator(user=UserFactory())
        client.force_login(coordinator)
        coordinator.is_active = False
        coordinator.save()
        response = client.get(reverse("phone_orders:inbox"))
        assert response.status_code == 302 and "/login/" in response["Location"]

    def test_an_administrator_sees_a_category_not_yet_public_and_a_client_does_not(self, client):
        from oscar.core.loading import get_model

        category = get_model("catalogue", "Category").add_root(name="Bientôt", is_public=False)
        client.force_login(UserFactory())
        assert client.get(category.get_absolute_url()).status_code == 404
        client.force_login(UserFactory(is_superuser=True))
        assert client.get(category.get_absolute_url()).status_code == 200

"""Staff accounts are managed by administrators only.

A coordinator may change users (``accounts.change_user``) for the clients'
sake; through the admin they cannot give themselves or anyone staff status,
administrator rights, groups or permissions, nor change another staff member's
email or password, nor change an administrator's account at all. An
administrator can do all of it.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from oscar.core.loading import get_model

from shop.accounts.services import user_make_coordinator
from tests.factories import StaffFactory, UserFactory, seller_staff

User = get_model("accounts", "User")

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(db):
    return user_make_coordinator(user=UserFactory(email="cora@example.org"))


@pytest.fixture
def administrator(db):
    return StaffFactory(email="admin@example.org", is_superuser=True)


@pytest.fixture
def lea(db):
    return UserFactory(email="lea@example.org", first_name="Léa", last_name="Tremblay")


def change_url(user):
    return f"/admin/accounts/user/{user.pk}/change/"


def user_form(user, **changes):
    """What the admin's user page posts back, ``changes`` (forged ones too) applied."""
    data = {
        "email": user.email or "", "phone": str(user.phone or ""), "first_name": user.first_name,
        "last_name": user.last_name, "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "", "last_login_1": "", "_save": "Enregistrer",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def everything_forged(**changes):
    coordinators = Group.objects.get(name="Coordinators")
    return {"is_superuser": "on", "is_staff": "on", "groups": [str(coordinators.pk)], **changes}


class TestACoordinator:
    def test_a_forged_is_superuser_on_a_clients_page_leaves_the_flags_false(
            self, client, coordinator, lea):
        client.force_login(coordinator)

        response = client.post(change_url(lea), user_form(lea, **everything_forged(
            first_name="Léa-Marie")))

        assert response.status_code == 302  # saved
        lea.refresh_from_db()
        assert lea.first_name == "Léa-Marie"
        assert not lea.is_superuser and not lea.is_staff and not lea.groups.exists()

    def test_cannot_make_themselves_superuser(self, client, coordinator):
        client.force_login(coordinator)
        client.post(change_url(coordinator), user_form(coordinator, **everything_forged()))
        coordinator.refresh_from_db()
        assert not coordinator.is_superuser

    def test_does_not_see_roles_groups_permissions_nor_the_password(self, client, coordinator, lea):
        client.force_login(coordinator)
        content = client.get(change_url(lea)).content.decode()
        for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
            assert f'name="{field}"' not in content
        assert "/password/" not in content
        assert 'name="email"' in content  # a client's email, they may change

    def test_cannot_change_the_administrators_email(self, client, coordinator, administrator):
        client.force_login(coordinator)

        page = client.get(change_url(administrator))
        response = client.post(change_url(administrator),
                               user_form(administrator, email="cora.perso@example.org"))

        assert page.status_code == 200 and 'name="email"' not in page.content.decode()
        assert response.status_code == 403
        administrator.refresh_from_db()
        assert administrator.email == "admin@example.org"

    def test_cannot_change_another_staff_members_email(self, client, coordinator, sellers):
        bookseller = seller_staff(sellers["bookshop"], email="libraire@example.org")
        client.force_login(coordinator)
        client.post(change_url(bookseller), user_form(bookseller, email="cora.perso@example.org",
                                                      is_active=None))
        bookseller.refresh_from_db()
        assert bookseller.email == "libraire@example.org" and bookseller.is_active

    def test_cannot_set_the_administrators_password(self, client, coordinator, administrator):
        client.force_login(coordinator)
        url = f"/admin/accounts/user/{administrator.pk}/password/"
        data = {"password1": "Un-nouveau-9", "password2": "Un-nouveau-9", "usable_password": "true"}
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
        administrator.refresh_from_db()
        assert administrator.check_password("motdepasse-123")

    def test_cannot_delete_a_staff_account_even_in_bulk(self, client, coordinator, administrator):
        client.force_login(coordinator)
        response = client.post("/admin/accounts/user/", {
            "action": "delete_selected", "_selected_action": [str(administrator.pk)], "post": "yes"})
        assert response.status_code == 403
        assert User.objects.filter(pk=administrator.pk).exists()

    def test_still_looks_after_clients_accounts(self, client, coordinator, lea):
        client.force_login(coordinator)
        client.post(change_url(lea), user_form(lea, email="lea.t@example.org"))
        lea.refresh_from_db()
        assert lea.email == "lea.t@example.org"


class TestAnAdministrator:
    def test_changes_another_administrators_email_and_password(self, client, administrator):
        other = StaffFactory(email="admin2@example.org", is_superuser=True)
        client.force_login(administrator)

        client.post(change_url(other), user_form(other, email="admin.deux@example.org",
                                                 is_staff="on", is_superuser="on"))
        response = client.post(f"/admin/accounts/user/{other.pk}/password/", {
            "password1": "Un-nouveau-9", "password2": "Un-nouveau-9", "usable_password": "true"})

        assert response.status_code == 302
        other.refresh_from_db()
        assert other.email == "admin.deux@example.org" and other.is_superuser
        assert other.check_password("Un-nouveau-9")

    def test_makes_a_coordinator_superuser(self, client, administrator, coordinator):
        client.force_login(administrator)
        client.post(change_url(coordinator), user_form(coordinator, **everything_forged()))
        coordinator.refresh_from_db()
        assert coordinator.is_superuser


class TestTheDashboardsUserPages:
    def reset(self, client, user):
        return client.post(f"/dashboard/users/{user.pk}/password-reset/")

    def test_a_coordinator_cannot_send_the_administrator_a_password_reset(
            self, client, coordinator, administrator):
        client.force_login(coordinator)
        page = client.get(f"/dashboard/users/{administrator.pk}/").content.decode()
        response = self.reset(client, administrator)
        assert "password_reset_form" not in page
        assert response.status_code == 302 and mail.outbox == []

    def test_a_coordinator_still_sends_a_client_a_password_reset(self, client, coordinator, lea):
        client.force_login(coordinator)
        self.reset(client, lea)
        assert [message.to for message in mail.outbox] == [["lea@example.org"]]

    def test_an_administrator_sends_a_staff_member_a_password_reset(
            self, client, administrator, coordinator):
        client.force_login(administrator)
        self.reset(client, coordinator)
        assert [message.to for message in mail.outbox] == [["cora@example.org"]]

    def test_a_coordinator_cannot_deactivate_a_staff_member(self, client, coordinator, sellers):
        bookseller = seller_staff(sellers["bookshop"], email="libraire@example.org")
        client.force_login(coordinator)
        client.post("/dashboard/users/", {"action": "make_inactive",
                                          "selected_user": [str(bookseller.pk)]})
        bookseller.refresh_from_db()
        assert bookseller.is_active


class TestTheSellersStaffPages:
    def update_url(self, seller, user):
        return f"/dashboard/partners/{seller.pk}/users/{user.pk}/update/"

    def test_a_coordinator_cannot_link_an_administrator_to_a_seller(
            self, client, coordinator, administrator, sellers):
        seller = sellers["bookshop"]
        client.force_login(coordinator)
        response = client.post(f"/dashboard/partners/{seller.pk}/users/{administrator.pk}/link/")
        assert response.status_code == 403
        assert not seller.users.filter(pk=administrator.pk).exists()

    def test_a_coordinator_cannot_set_the_password_of_an_administrator_of_a_seller(
            self, client, coordinator, administrator, sellers):
        seller = sellers["bookshop"]
        seller.users.add(administrator)
        client.force_login(coordinator)
        response = client.post(self.update_url(seller, administrator), {
            "first_name": "X", "last_name": "Y", "role": "limited",
            "password1": "Un-nouveau-9", "password2": "Un-nouveau-9"})
        assert response.status_code == 403
        administrator.refresh_from_db()
        assert administrator.check_password("motdepasse-123") and administrator.is_staff

    def test_a_coordinator_changes_only_the_name_of_a_sellers_staff_member(
            self, client, coordinator, sellers):
        seller = sellers["bookshop"]
        bookseller = seller_staff(seller, email="libraire@example.org")
        client.force_login(coordinator)
        client.post(self.update_url(seller, bookseller), {
            "first_name": "Josée", "last_name": "Bélanger", "role": "staff",
            "password1": "Un-nouveau-9", "password2": "Un-nouveau-9"})
        bookseller.refresh_from_db()
        assert bookseller.first_name == "Josée"
        assert not bookseller.is_staff and bookseller.check_password("motdepasse-123")

    def test_a_coordinator_cannot_create_a_user_with_full_dashboard_access(
            self, client, coordinator, sellers):
        seller = sellers["bookshop"]
        client.force_login(coordinator)
        client.post(f"/dashboard/partners/{seller.pk}/users/add/", {
            "first_name": "Nouveau", "last_name": "Coordo", "email": "nouveau@example.org",
            "password1": "Un-long-mot-9", "password2": "Un-long-mot-9", "role": "staff"})
        assert not User.objects.filter(email="nouveau@example.org", is_staff=True).exists()

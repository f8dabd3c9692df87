"""Clients known only by a phone number live alongside staff who log in by email."""

import pytest
from django.db import IntegrityError
from oscar.core.loading import get_model

from tests.factories import PhoneOnlyClientFactory, ProductFactory, StaffFactory, UserFactory
from tests.twofactor import app_code, verified_device

User = get_model("accounts", "User")
ProductAlert = get_model("customer", "ProductAlert")

pytestmark = pytest.mark.django_db


class TestAPhoneOnlyClient:
    def test_is_stored_with_no_email_and_an_e164_phone(self):
        user = User.objects.create_user(phone="514 555-0199", first_name="Gérard")
        user.refresh_from_db()
        assert user.email is None
        assert str(user.phone) == "+15145550199"
        assert not user.has_usable_password()

    def test_reads_as_their_name_or_phone_never_none(self):
        named = PhoneOnlyClientFactory(first_name="Gérard", last_name="Bouchard")
        unnamed = User.objects.create_user(phone="+15145550198")
        assert str(named) == "Gérard Bouchard" and named.get_full_name() == "Gérard Bouchard"
        assert str(unnamed) == "+15145550198" and unnamed.get_full_name() == "+15145550198"

    def test_many_can_exist_without_email(self):
        PhoneOnlyClientFactory.create_batch(3)
        assert User.objects.filter(email__isnull=True).count() == 3

    def test_an_empty_email_is_kept_as_none(self):
        user = PhoneOnlyClientFactory()
        user.email = ""
        user.full_clean(exclude=["password"])
        user.save()
        user.refresh_from_db()
        assert user.email is None

    def test_does_not_take_over_other_clients_product_alerts(self):
        """Oscar moves alerts stored with the user's email to them; '' must match nothing."""
        owner = UserFactory()
        alert = ProductAlert.objects.create(product=ProductFactory(), user=owner, email="", status=ProductAlert.ACTIVE)
        PhoneOnlyClientFactory()
        alert.refresh_from_db()
        assert alert.user == owner

    def test_two_clients_cannot_share_a_phone_number(self):
        User.objects.create_user(phone="+15145550197")
        with pytest.raises(IntegrityError):
            User.objects.create_user(phone="(514) 555-0197")

    def test_a_user_needs_an_email_or_a_phone(self):
        with pytest.raises(ValueError):
            User.objects.create_user()


class TestStaff:
    def test_log_in_with_email_and_password_then_the_code_of_their_app(self, client):
        device = verified_device(StaffFactory(email="benevole@example.org"))
        response = client.post("/accounts/login/", {
            "login-username": "benevole@example.org", "login-password": "motdepasse-123",
            "login_submit": "1",
        })
        assert response.status_code == 302
        assert client.post("/two-step/code/", {"code": app_code(device)}).status_code == 302
        assert client.get("/dashboard/").status_code == 200

    def test_a_client_with_an_email_can_register_and_see_their_account(self, client):
        response = client.post("/accounts/login/", {
            "registration-email": "nouvelle@example.org",
            "registration-password1": "un-long-mot-de-passe-9",
            "registration-password2": "un-long-mot-de-passe-9",
            "registration_submit": "1",
        })
        assert response.status_code == 302
        assert User.objects.get(email="nouvelle@example.org").phone is None
        assert client.get("/accounts/profile/").status_code == 200

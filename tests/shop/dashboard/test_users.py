"""The customer pages: coordinators only, and clients known by phone alone."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.factories import PhoneOnlyClientFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone_client(db):
    return PhoneOnlyClientFactory(first_name="Gérard", last_name="Bouchard", phone="+15145550123")


def user_url(name, user):
    return reverse(f"dashboard:{name}", kwargs={"pk": user.pk})


class TestSellerStaff:
    def test_cannot_open_the_customer_list(self, client_a):
        assert client_a.get(reverse("dashboard:users-index")).status_code == 403

    def test_cannot_open_a_customer_page(self, client_a, phone_client):
        assert client_a.get(user_url("user-detail", phone_client)).status_code == 403

    def test_cannot_open_the_reports(self, client_a):
        assert client_a.get(reverse("dashboard:reports-index")).status_code == 403


class TestAPhoneOnlyClientInTheDashboard:
    def test_is_listed_by_phone_with_a_link_to_their_page(self, coordinator_client, phone_client):
        content = coordinator_client.get(reverse("dashboard:users-index")).content.decode()

        assert user_url("user-detail", phone_client) in content
        assert "+15145550123" in content
        assert "None" not in content

    @pytest.mark.parametrize("typed", ["514 555-0123", "(514) 555-0123", "+15145550123"])
    def test_is_found_by_phone_typed_in_any_usual_form(
        self, coordinator_client, phone_client, typed
    ):
        UserFactory()

        response = coordinator_client.get(
            reverse("dashboard:users-index"), {"phone": typed, "search": ""}
        )

        assert [row.record for row in response.context["users"].rows] == [phone_client]

    def test_page_shows_name_and_phone_never_none(self, coordinator_client, phone_client):
        response = coordinator_client.get(user_url("user-detail", phone_client))

        content = response.content.decode()
        assert response.status_code == 200
        assert "Gérard Bouchard" in content
        assert "+1 514-555-0123" in content
        assert "None" not in content

    def test_asking_for_a_password_reset_email_says_there_is_no_email(
        self, coordinator_client, phone_client
    ):
        response = coordinator_client.post(user_url("user-password-reset", phone_client))

        assert response.status_code == 302
        assert response.url == user_url("user-detail", phone_client)
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
        assert mail.outbox == []


def test_a_client_with_an_email_still_gets_the_password_reset_email(coordinator_client):
    client_with_email = UserFactory(email="lea@example.org")

    response = coordinator_client.post(user_url("user-password-reset", client_with_email))

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["lea@example.org"]]

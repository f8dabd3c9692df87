"""A wrong password costs the same whether the account exists or not: one hashing.

The password hasher is wrapped with a counter (every hashing goes through its
``encode``, ``verify`` included); no timing is measured.
"""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.module_loading import import_string

from tests.factories import PhoneOnlyClientFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hashings(monkeypatch):
    """The passwords hashed since the test's users were made (a list that grows)."""
    hasher = import_string(settings.PASSWORD_HASHERS[0])
    runs = []
    encode = hasher.encode

    def counted(self, password, salt, *args, **kwargs):
        runs.append(password)
        return encode(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", counted)
    return runs


@pytest.fixture
def lea(db):
    return UserFactory(email="lea@example.org")


class TestAWrongPassword:
    @pytest.mark.parametrize("username", [
        "lea@example.org", "LEA@Example.org", "personne@example.org", "pas-un-courriel",
    ])
    def test_runs_the_hasher_exactly_once_known_account_or_not(self, lea, hashings, username):
        assert authenticate(None, username=username, password="mauvais") is None
        assert hashings == ["mauvais"]

    def test_runs_it_once_for_an_inactive_account(self, hashings):
        UserFactory(email="parti@example.org", is_active=False)
        hashings.clear()
        assert authenticate(None, username="parti@example.org", password="motdepasse-123") is None
        assert len(hashings) == 1

    @pytest.mark.parametrize("username", ["lea@example.org", "inconnue@example.org"])
    def test_through_the_login_form_runs_it_once_too(self, client, lea, hashings, username):
        response = client.post("/accounts/login/", {
            "login-username": username, "login-password": "mauvais", "login_submit": "1"})
        assert response.status_code == 200
        assert hashings == ["mauvais"]


class TestTheRightPassword:
    def test_signs_in_with_one_hashing(self, lea, hashings):
        assert authenticate(None, username="lea@example.org", password="motdepasse-123") == lea
        assert hashings == ["motdepasse-123"]

    def test_signs_in_whatever_the_case_of_the_address(self, lea):
        assert authenticate(None, username="Lea@EXAMPLE.org", password="motdepasse-123") == lea

    def test_a_phone_only_client_cannot_sign_in_with_a_password(self, hashings):
        gerard = PhoneOnlyClientFactory()
        assert authenticate(None, username=str(gerard.phone), password="") is None

"""The site speaks French first, English on request, in Canadian dollars."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_settings_are_for_quebec():
    assert settings.LANGUAGE_CODE == "fr-ca"
    assert settings.TIME_ZONE == "America/Toronto"
    assert settings.OSCAR_DEFAULT_CURRENCY == "CAD"
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_home_page_is_in_french_with_a_language_switch(client):
    html = client.get("/", follow=True).content.decode()
    assert 'lang="fr-ca"' in html
    assert "/i18n/setlang/" in html
    assert "Panier" in html or "panier" in html


def test_switching_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Basket" in html or "basket" in html

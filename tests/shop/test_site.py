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


def test_the_apps_own_pages_follow_the_language_switch(client):
    """Meal-delivery, rentals and phone pages have no /en/ address: the choice decides."""
    from tests.services.factories import program_with

    url = f"/services/register/{program_with().slug}/"
    assert 'lang="fr-ca"' in client.get(url).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert 'lang="en"' in client.get(url).content.decode()
    # The storefront keeps its addresses: unprefixed is French, /en/ is English.
    assert 'lang="fr-ca"' in client.get("/catalogue/").content.decode()
    assert 'lang="en"' in client.get("/en/catalogue/").content.decode()


def test_a_browser_asking_for_english_still_gets_the_french_addresses(client):
    """The storefront's unprefixed (French) addresses answer whatever the browser's languages."""
    for url in ("/catalogue/", "/pres-de-chez-moi/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response.status_code == 200
        assert 'lang="fr-ca"' in response.content.decode()


def test_the_apps_own_pages_are_french_until_english_is_chosen(client):
    from tests.services.factories import program_with

    url = f"/services/register/{program_with().slug}/"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="fr-ca"' in response.content.decode()

"""The privacy page, the person's own export, and the coordinators' registers (Loi 25)."""

import csv
import io
import json
import re
import zipfile
from html import unescape

import pytest
from django.urls import reverse

from shop.accounts.services import user_make_coordinator
from shop.people.models import Incident, Person, PrivacyRequest, RequestStatus
from shop.people.services.privacy_requests import privacy_request_create
from tests.clock import day
from tests.factories import SellerFactory, StaffFactory, UserFactory, seller_staff

from .privacy_data import EMAIL, LAST_NAME, ophelie

pytestmark = pytest.mark.django_db


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def coordinator(db):
    return user_make_coordinator(user=StaffFactory(first_name="Carole", last_name="Coord"))


class TestThePrivacyPage:
    def test_names_the_privacy_officer_from_the_settings_in_french(self, client, settings):
        settings.PRIVACY_OFFICER_NAME = "Hélène Dupuis"
        settings.PRIVACY_OFFICER_EMAIL = "rprp@exemple.org"
        page = text_of(client.get("/confidentialite/"))
        assert "Hélène Dupuis" in page and "rprp@exemple.org" in page
        assert "Responsable de la protection des renseignements personnels" in page
        assert "30 jours" in page and "730 jours" in page
        assert "Privacy" not in page and "Who to contact" not in page

    def test_is_linked_from_the_footer_of_every_page(self, client):
        for url in ("/", "/confidentialite/", "/en/"):
            html = client.get(url).content.decode()
            assert 'id="footer-privacy"' in html, url

    def test_is_in_english_under_en(self, client):
        page = text_of(client.get("/en/confidentialite/"))
        assert "Who to contact" in page


class TestTheExportOfMyData:
    def test_asks_a_visitor_to_sign_in(self, client):
        response = client.get("/compte/mes-donnees.zip")
        assert response.status_code == 302 and "login" in response["Location"]

    def test_gives_the_signed_in_person_their_archive(self, client):
        person = ophelie()
        client.force_login(person.user)
        response = client.get("/compte/mes-donnees.zip")
        assert response["Content-Type"] == "application/zip"
        data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("donnees.json"))
        assert data["accounts.User"][0]["email"] == EMAIL
        assert len(data["order.Order"]) == 2

    def test_the_privacy_page_offers_it_to_a_signed_in_person(self, client):
        client.force_login(UserFactory())
        assert 'id="download-my-data"' in client.get("/confidentialite/").content.decode()


class TestTheStaffExport:
    def test_a_coordinator_downloads_it_and_the_download_is_logged(self, client, coordinator):
        person = ophelie()
        client.force_login(coordinator)
        response = client.get(reverse("people:staff-export", args=[person.pk]))
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        assert "services.Client.csv" in archive.namelist()
        log = person.access_logs.get()
        assert log.viewer == coordinator and log.page.endswith("/export.zip")

    def test_seller_staff_cannot(self, client):
        person = ophelie()
        client.force_login(seller_staff(SellerFactory(name="Librairie du Coin")))
        assert client.get(reverse("people:staff-export", args=[person.pk])).status_code == 403


class TestTheRequestRegister:
    def test_a_request_is_due_thirty_days_after_its_receipt(self, client, coordinator):
        person = Person.objects.create(first_name="Yvette", last_name="Lajoie")
        client.force_login(coordinator)
        response = client.post(
            reverse("people:privacy-request-create") + f"?person={person.pk}",
            {"requester": "Yvette Lajoie", "kind": "access", "received_on": day(0).isoformat(),
             "details": "Par téléphone", "person": person.pk})
        assert response.status_code == 302
        request = PrivacyRequest.objects.get()
        assert (request.person, request.due_on, request.recorded_by) == (
            person, day(30), coordinator)
        page = text_of(client.get(reverse("people:privacy-requests")))
        assert "Yvette Lajoie" in page and "Accès" in page and "30 jours restants" in page

    def test_an_overdue_request_is_flagged(self, client, coordinator):
        privacy_request_create(requester="Yvette Lajoie", kind="deletion", received_on=day(-31))
        privacy_request_create(requester="Henri Tardif", kind="access", received_on=day(-5))
        client.force_login(coordinator)
        html = client.get(reverse("people:privacy-requests")).content.decode()
        rows = re.findall(r"<tr class=\"([^\"]*)\">\s*<td>[^<]*</td>\s*<td>([^<(]*)", html)
        assert [(name.strip(), "overdue" in cls) for cls, name in rows] == [
            ("Yvette Lajoie", True), ("Henri Tardif", False)]
        assert "En retard" in text_of(client.get(reverse("people:privacy-requests")))

    def test_answering_a_deletion_erases_the_person(self, client, coordinator):
        person = ophelie()
        request = privacy_request_create(person=person, requester="Ophélie", kind="deletion")
        client.force_login(coordinator)
        response = client.post(reverse("people:privacy-request", args=[request.pk]),
                               {"status": RequestStatus.DONE, "answer": "Supprimé."})
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == RequestStatus.DONE and request.closed_by == coordinator
        person.refresh_from_db()
        assert person.anonymised_at is not None and LAST_NAME not in str(person)

    def test_a_refusal_needs_its_reasons(self, client, coordinator):
        request = privacy_request_create(requester="Yvette", kind="access")
        client.force_login(coordinator)
        page = text_of(client.post(reverse("people:privacy-request", args=[request.pk]),
                                   {"status": RequestStatus.REFUSED, "answer": ""}))
        assert "Un refus doit en donner les motifs." in page
        request.refresh_from_db()
        assert request.status == RequestStatus.OPEN

    def test_only_coordinators_open_the_registers(self, client):
        client.force_login(seller_staff(SellerFactory(name="Librairie du Coin")))
        for name in ("privacy-requests", "privacy-request-create", "staff-access-log",
                     "incidents", "incident-create", "incidents-csv"):
            assert client.get(reverse("people:" + name)).status_code == 403, name

    def test_the_dashboard_menu_shows_them_to_coordinators(self, client, coordinator):
        client.force_login(coordinator)
        html = client.get(reverse("dashboard:index")).content.decode()
        assert reverse("people:privacy-requests") in html and reverse("people:incidents") in html


class TestTheIncidentRegister:
    def test_an_incident_is_recorded_and_exported_for_the_commission(self, client, coordinator):
        client.force_login(coordinator)
        response = client.post(reverse("people:incident-create"), {
            "discovered_on": day(-2).isoformat(), "occurred_on": day(-3).isoformat(),
            "description": "=Liste des routes oubliée dans l'autobus",
            "information": "Noms, adresses et allergies de 12 clients",
            "people_affected": 12, "serious_harm_risk": "on", "measures": "Clients avisés"})
        assert response.status_code == 302
        assert Incident.objects.get().recorded_by == coordinator
        csv_response = client.get(reverse("people:incidents-csv"))
        assert csv_response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["survenu le", "découvert le", "ce qui s'est passé"]
        assert rows[1][1] == day(-2).isoformat() and rows[1][4] == "12"
        assert rows[1][2].startswith("'=")  # a formula stays text in a spreadsheet
        assert rows[1][5] == "oui"


class TestEverythingIsInFrench:
    def test_the_public_page_and_every_register_have_no_english_left(self, client, coordinator):
        from tests.shop.i18n.test_english_leaks import leaks

        person = ophelie()
        request = privacy_request_create(person=person, requester="Ophélie", kind="deletion",
                                         received_on=day(-40))
        assert leaks(client.get("/confidentialite/")) == []
        client.force_login(coordinator)
        for url in (reverse("people:privacy-requests") + "?q=Lacasse",
                    reverse("people:privacy-request-create") + f"?person={person.pk}",
                    reverse("people:privacy-request", args=[request.pk]),
                    reverse("people:staff-access-log"), reverse("people:incidents"),
                    reverse("people:incident-create")):
            assert leaks(client.get(url)) == [], url

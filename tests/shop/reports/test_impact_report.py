"""The impact report page and its CSV files: who sees what, and what they read."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.clock import TODAY
from tests.factories import UserFactory
from tests.shop.reports.conftest import on

pytestmark = pytest.mark.django_db

OCTOBER = {"date_from": on(10, 1).isoformat(), "date_to": on(10, 31).isoformat()}


def report(client, user, **params):
    client.force_login(user)
    return client.get(reverse("reports:impact"), {**OCTOBER, **params})


def csv_file(client, user, table, **params):
    client.force_login(user)
    return client.get(reverse("reports:impact-csv", kwargs={"table": table}),
                      {**OCTOBER, **params})


def table(response, slug):
    return next(item["table"] for item in response.context["tables"]
                if item["table"].slug == slug)


def summary(response):
    return {str(label): value for label, value in table(response, "summary").rows}


def rows_of(response):
    """The CSV rows, decoded as a spreadsheet set to French would read them."""
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


class TestACoordinator:
    def test_sees_the_whole_cooperative_by_default(self, client, coordinator, coop):
        response = report(client, coordinator)

        assert response.status_code == 200
        figures = summary(response)
        # conftest: 5 people, 4 new, 4 meals, 2 solidarity, 2 loans / 13 days,
        # 3 SMS sent and 2 delivered in October.
        assert figures["Personnes servies (clients distincts)"] == 5
        assert figures["Nouveaux clients (jamais servis avant la période)"] == 4
        assert figures["Part des commandes passées hors du Web"] == 60.0
        assert figures["Repas livrés"] == 4
        assert figures["Repas livrés au tarif solidaire"] == 2
        assert figures["Outils prêtés"] == 2
        assert figures["Jours de prêt"] == 13
        assert figures["Textos envoyés"] == 3
        assert figures["Textos reçus par le destinataire"] == 2
        assert "Toute la coopérative" in response.content.decode()

    def test_reads_numbers_in_canadian_french(self, client, coordinator, coop):
        html = report(client, coordinator).content.decode()

        # A's sales 80.00 $, 60 % of orders not on the web, 66.7 % of both.
        assert "80,00\xa0$" in html
        assert "60,0\xa0%" in html
        assert "66,7\xa0%" in html

    def test_draws_bar_charts_inline_with_a_text_equivalent(self, client, coordinator, coop):
        html = report(client, coordinator).content.decode()

        assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
        assert '<desc id="chart-orders-by-channel-desc">Web : 2; Téléphone : 1; Texto : 1' in html
        assert html.count("<rect ") == 5 + 4 + 2 + 3  # 5 channels, 4 ways to register, 2 sellers with sales, 3 sellers
        assert "chart.js" not in html.lower()
        assert "@media print" in html

    def test_may_choose_one_seller(self, client, coordinator, coop):
        response = report(client, coordinator, seller=coop.b.pk)

        assert summary(response)["Personnes servies (clients distincts)"] == 3
        assert [row[0] for row in table(response, "revenue-by-seller").rows] == [
            "Outilthèque Rosemont"]

    def test_is_shown_this_month_without_choosing(self, client, coordinator, coop):
        client.force_login(coordinator)
        response = client.get(reverse("reports:impact"))

        assert response.context["period"].first_day == TODAY.replace(day=1)
        assert response.context["period"].last_day == TODAY

    def test_a_period_ending_before_it_starts_is_refused(self, client, coordinator, coop):
        response = report(client, coordinator, date_from=OCTOBER["date_to"],
                          date_to=OCTOBER["date_from"])

        assert "La période se termine avant de commencer." in response.content.decode()
        assert "tables" not in response.context


class TestSellerStaff:
    def test_see_their_sellers_figures_only(self, client, staff_a, coop):
        response = report(client, staff_a)

        figures = summary(response)
        # A served Léa, Gérard and the guest; 2 of its 4 orders off the web.
        assert figures["Personnes servies (clients distincts)"] == 3
        assert figures["Part des commandes passées hors du Web"] == 50.0
        assert [(row[0], row[3]) for row in table(response, "revenue-by-seller").rows] == [
            ("Librairie du Quartier", Decimal("80.00"))]
        assert "Textos envoyés" not in figures

    def test_cannot_ask_for_the_whole_cooperative(self, client, staff_a, coop):
        response = report(client, staff_a, seller="")

        assert response.context["seller"] == coop.a
        assert "people-by-seller" not in [item["table"].slug for item in response.context["tables"]]
        assert '<option value="">' not in response.content.decode()

    def test_get_a_404_for_another_sellers_report(self, client, staff_a, coop):
        assert report(client, staff_a, seller=coop.b.pk).status_code == 404
        assert report(client, staff_a, seller="abc").status_code == 404

    def test_get_a_404_for_another_sellers_csv(self, client, staff_a, coop):
        assert csv_file(client, staff_a, "summary", seller=coop.b.pk).status_code == 404
        assert csv_file(client, staff_a, "people-by-seller").status_code == 404

    def test_their_csv_holds_only_their_figures(self, client, staff_a, coop):
        rows = rows_of(csv_file(client, staff_a, "revenue-by-seller"))

        assert rows == [["Vendeur", "Commandes", "Ventes avant taxes", "Ventes taxes comprises"],
                        ["Librairie du Quartier", "4", "80,00", "80,00"]]


class TestWhoElse:
    def test_a_visitor_is_sent_to_log_in(self, client, coop):
        response = client.get(reverse("reports:impact"))

        assert response.status_code == 302
        assert "login" in response["Location"]

    def test_a_client_is_refused(self, client, coop):
        client.force_login(UserFactory())

        assert client.get(reverse("reports:impact")).status_code == 403
        assert client.get(reverse("reports:impact-csv", kwargs={"table": "summary"})
                          ).status_code == 403

    def test_staff_of_no_seller_is_refused(self, client, coop):
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))

        client.force_login(user)
        assert client.get(reverse("reports:impact")).status_code == 403


class TestTheCsvFiles:
    def test_start_with_a_byte_order_mark_and_keep_french_accents(self, client, coordinator, coop):
        response = csv_file(client, coordinator, "orders-by-channel")

        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith(b"\xef\xbb\xbf")
        assert "T\u00e9l\u00e9phone;1;20,0".encode() in response.content
        rows = rows_of(response)
        assert rows[0] == ["Canal", "Commandes", "Part"]
        # 5 orders: web 2 (40 %), phone, SMS and voice 1 each (20 %), service 0.
        assert rows[1:] == [["Web", "2", "40,0"], ["Téléphone", "1", "20,0"],
                            ["Texto", "1", "20,0"], ["Appel vocal", "1", "20,0"],
                            ["Service", "0", "0,0"]]

    def test_the_summary_has_the_same_figures_as_the_page(self, client, coordinator, coop):
        rows = dict(rows_of(csv_file(client, coordinator, "summary"))[1:])

        assert rows["Personnes servies (clients distincts)"] == "5"
        assert rows["Part des commandes et inscriptions faites hors du Web"] == "66,7"
        assert rows["Jours d’attente avant d’obtenir une place, en moyenne"] == "40,0"

    def test_people_by_seller_counts_a_person_once_per_seller(self, client, coordinator, coop):
        rows = rows_of(csv_file(client, coordinator, "people-by-seller"))

        assert rows[1:] == [["Librairie du Quartier", "3"], ["Outilthèque Rosemont", "3"],
                            ["Popote roulante de l'Est", "2"]]

    def test_every_table_of_the_page_has_its_csv(self, client, coordinator, coop):
        response = report(client, coordinator)
        html = response.content.decode()

        for item in response.context["tables"]:
            url = reverse("reports:impact-csv", kwargs={"table": item["table"].slug})
            assert url in html
            assert client.get(url, OCTOBER).status_code == 200

    def test_an_unknown_table_is_a_404(self, client, coordinator, coop):
        assert csv_file(client, coordinator, "nothing").status_code == 404


class TestTheDashboardMenu:
    def test_offers_the_report_to_coordinators_and_seller_staff_only(self, coordinator, staff_a,
                                                                     coop):
        from shop.access import menu_access

        assert menu_access(coordinator, "reports:impact")
        assert menu_access(staff_a, "reports:impact")
        assert not menu_access(UserFactory(), "reports:impact")

    def test_the_dashboard_menu_leads_to_the_report(self, client, staff_a, coop):
        client.force_login(staff_a)
        html = client.get(reverse("dashboard:index")).content.decode()

        assert 'href="{}"'.format(reverse("reports:impact")) in html
        assert "Rapport d’impact" in html

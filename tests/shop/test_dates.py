"""Dates typed in forms are days from 2000 to 2100: beyond, a form error in French.

Django accepts 0001-01-01 to 9999-12-31; the day after the last one, or the
last one at midnight in UTC, cannot be computed and used to answer 500 (the
impact report, the settlements, the order list).
"""

import pytest
from django import forms

from shop.dates import DayField
from tests.clock import day
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Entrez une date entre le 1 janvier 2000 et le 31 décembre 2100."


class PeriodForm(forms.Form):
    day = DayField(widget=forms.DateInput(attrs={"type": "date"}))


class TestADayField:
    @pytest.mark.parametrize("typed", ["2000-01-01", day(0).isoformat(), "2100-12-31"])
    def test_takes_a_day_from_2000_to_2100(self, typed):
        assert PeriodForm({"day": typed}).is_valid()

    @pytest.mark.parametrize("typed", ["0001-01-01", "1999-12-31", "2101-01-01", "9999-12-31"])
    def test_refuses_a_day_outside_with_a_french_message(self, typed):
        form = PeriodForm({"day": typed})

        assert not form.is_valid()
        assert form.errors["day"] == [OUT_OF_RANGE]

    def test_tells_the_date_picker_its_bounds(self):
        html = str(PeriodForm()["day"])

        assert 'min="2000-01-01"' in html and 'max="2100-12-31"' in html


@pytest.fixture
def coordinator_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    client.raise_request_exception = False
    return client


IMPOSSIBLE_PERIODS = [("0001-01-01", "9999-12-31"), ("2020-01-01", "9999-12-31"),
                      ("0001-01-01", "2020-12-31")]


class TestAnImpossiblePeriod:
    @pytest.mark.parametrize("start, end", IMPOSSIBLE_PERIODS)
    def test_on_the_impact_report_is_a_form_error(self, coordinator_client, start, end):
        response = coordinator_client.get("/reports/impact/", {"date_from": start, "date_to": end})

        assert response.status_code == 200
        assert OUT_OF_RANGE in response.content.decode()

    def test_gives_no_impact_csv(self, coordinator_client):
        response = coordinator_client.get("/reports/impact/summary.csv",
                                          {"date_from": "0001-01-01", "date_to": "9999-12-31"})

        assert response.status_code == 404

    @pytest.mark.parametrize("start, end", IMPOSSIBLE_PERIODS)
    def test_on_the_settlements_is_a_form_error(self, coordinator_client, start, end):
        for fmt in ("", "csv"):
            response = coordinator_client.get("/payments/dashboard/settlements/",
                                              {"start": start, "end": end, "format": fmt})

            assert response.status_code == 200
            assert OUT_OF_RANGE in response.content.decode()
            assert response.context["rows"] == []

    @pytest.mark.parametrize("params", [{"date_from": "0001-01-01", "date_to": "9999-12-31"},
                                        {"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}])
    def test_on_the_order_list_is_a_form_error(self, coordinator_client, params):
        response = coordinator_client.get("/dashboard/orders/", params)

        assert response.status_code == 200
        assert OUT_OF_RANGE in response.content.decode()

    def test_on_the_shop_reports_is_a_form_error(self, coordinator_client):
        response = coordinator_client.get("/dashboard/reports/", {
            "report_type": "order_report", "date_from": "0001-01-01", "date_to": "9999-12-31",
            "download": "true"})

        assert response.status_code == 200
        assert OUT_OF_RANGE in response.content.decode()

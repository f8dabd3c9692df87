"""The coordinators' pages: the day's progress with welfare checks first, a route, volunteers."""

import uuid

import pytest

from drivers.models import RouteLink, Volunteer
from drivers.services import outcomes_record
from shop.people.selectors.consents import consent_holds
from tests.clock import day

pytestmark = pytest.mark.django_db


def nobody_home_at_rita(link):
    rita = link.route.stops.get(client__first_name="Rita")
    outcomes_record(link=link, items=[{"id": str(uuid.uuid4()), "delivery": rita.pk,
                                       "outcome": "nobody_home", "note": "Pas de réponse"}])


class TestTheDayPage:
    def test_shows_open_welfare_checks_above_the_routes_progress(self, client, coordinator, link):
        nobody_home_at_rita(link)
        client.force_login(coordinator)
        text = client.get("/benevoles/", {"date": day(1).isoformat()}).content.decode()
        assert text.index("Vérifications de bien-être") < text.index("Tournées du vendredi 21 août")
        assert "Rita Lavoie" in text and "Luc Lavoie" in text
        assert '<td class="done">1</td>' in text and '<td class="remaining">4</td>' in text
        assert "Jeanne Bénévole" in text and "Pas de réponse" in text

    def test_refreshes_itself_without_a_script(self, client, coordinator, link):
        client.force_login(coordinator)
        response = client.get("/benevoles/")
        assert '<meta http-equiv="refresh" content="30">' in response.content.decode()
        assert "<script>" not in response.content.decode()

    def test_the_meal_staff_of_another_program_see_none_of_it(self, client, other_popote_staff,
                                                             link):
        nobody_home_at_rita(link)
        client.force_login(other_popote_staff)
        text = client.get("/benevoles/", {"date": day(1).isoformat()}).content.decode()
        assert "Rita" not in text and "H4C" not in text
        assert client.get(f"/benevoles/tournees/{link.route.pk}/").status_code == 404

    def test_other_sellers_staff_get_404_and_visitors_the_login_page(
            self, client, bookshop_staff, link):
        assert client.get("/benevoles/").status_code == 302
        client.force_login(bookshop_staff)
        for url in ("/benevoles/", f"/benevoles/tournees/{link.route.pk}/",
                    "/benevoles/volontaires/"):
            assert client.get(url).status_code == 404


class TestTheRoutePage:
    def test_the_programs_staff_assign_a_volunteer_available_that_day(
            self, client, popote_staff, route, volunteer):
        client.force_login(popote_staff)
        response = client.post(f"/benevoles/tournees/{route.pk}/",
                               {"action": "assign", "volunteer": volunteer.pk})
        assert response.status_code == 302
        link = RouteLink.objects.get(route=route, revoked_at__isnull=True)
        assert link.volunteer == volunteer
        assert "/tournee/" in client.get(f"/benevoles/tournees/{route.pk}/").content.decode()

    def test_a_volunteer_not_driving_that_weekday_cannot_be_assigned(
            self, client, popote_staff, route, volunteer):
        volunteer.weekdays = 0
        volunteer.save()
        client.force_login(popote_staff)
        client.post(f"/benevoles/tournees/{route.pk}/", {"action": "assign",
                                                         "volunteer": volunteer.pk})
        assert not RouteLink.objects.exists()

    def test_send_and_revoke_buttons(self, client, popote_staff, link):
        client.force_login(popote_staff)
        url = f"/benevoles/tournees/{link.route.pk}/"
        client.post(url, {"action": "send"})
        link.refresh_from_db()
        assert link.sent_at is not None
        client.post(url, {"action": "revoke"})
        link.refresh_from_db()
        assert link.revoked_at is not None


def test_the_staff_add_a_volunteer_with_their_consent_to_texts(client, popote_staff,
                                                               meal_program):
    client.force_login(popote_staff)
    response = client.post("/benevoles/volontaires/", {
        "program": meal_program.pk, "first_name": "Denise", "last_name": "Côté",
        "phone": "514 555-0142", "weekdays": ["0", "3"], "sms_consent": "on"})
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.weekday_list == [0, 3] and str(volunteer.person.phone) == "+15145550142"
    assert consent_holds(person=volunteer.person, purpose="service", channel="sms")
    assert "Denise Côté" in client.get("/benevoles/volontaires/").content.decode()

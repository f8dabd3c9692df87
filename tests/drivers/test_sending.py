"""The link by SMS: the evening before (beat), or from the coordinator's button; once per link."""

import pytest
from django.conf import settings

from drivers.services import link_send, links_send_for_day, route_assign, volunteer_add
from drivers.tasks import send_tomorrows_links
from shop.notifications.models import OutboundMessage
from shop.people.models import Person
from tests.clock import day

pytestmark = pytest.mark.django_db


def test_the_evening_before_each_driver_gets_their_link_once(client, link):
    assert send_tomorrows_links() == 1
    assert links_send_for_day(date=day(1)) == 0  # already sent
    message = OutboundMessage.objects.get()
    assert message.to == "+15145550199" and message.key == f"driver-link:{link.pk}"
    assert message.body.startswith("Popote roulante : votre tournée H4C du vendredi 21 août, "
                                   "5 arrêts : ")
    url = message.body.rsplit(" ", 1)[1]
    assert url.startswith(settings.PUBLIC_BASE_URL + "/tournee/")
    assert client.get(url.removeprefix(settings.PUBLIC_BASE_URL)).status_code == 200
    link.refresh_from_db()
    assert link.sent_at is not None


def test_a_volunteer_who_did_not_agree_to_texts_gets_none(route, meal_program):
    person = Person.objects.create(first_name="Paul", last_name="Sanstexto", phone="+15145550198")
    link = route_assign(route=route, volunteer=volunteer_add(person=person, program=meal_program,
                                                             weekdays=range(7)))
    assert link_send(link=link) is False
    assert not OutboundMessage.objects.exists()


def test_assigning_puts_the_volunteers_name_and_phone_on_the_route_sheet(route, volunteer):
    route_assign(route=route, volunteer=volunteer)
    route.refresh_from_db()
    assert (route.driver_name, str(route.driver_phone)) == ("Jeanne Bénévole", "+15145550199")


def test_beat_sends_the_links_every_evening():
    entry = settings.CELERY_BEAT_SCHEDULE["drivers-send-tomorrows-links"]
    assert entry["task"] == "drivers.tasks.send_tomorrows_links"
    assert entry["schedule"].hour == {18}

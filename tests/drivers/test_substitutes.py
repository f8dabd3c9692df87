"""An open route offered to three substitutes by SMS: the first OUI takes it, the others are told."""

import pytest

from drivers.models import OfferStatus, RouteLink, RouteOffer
from drivers.services import volunteer_add
from drivers.substitutes import route_offer
from shop.notifications.models import OutboundMessage
from shop.people.models import ConsentAction, ConsentChannel, ConsentMethod, ConsentPurpose, Person
from shop.people.services.consents import consent_record
from tests.concurrency import at_once, postgresql_only
from tests.integrations.twilio.helpers import twilio_settings  # noqa: F401
from tests.phone_orders.helpers import ask

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("twilio_settings")]


@pytest.fixture
def substitutes(meal_program):
    volunteers = []
    for position, name in enumerate(("Alice", "Bruno", "Chantal", "Denis")):
        person = Person.objects.create(first_name=name, last_name="Relève",
                                       phone=f"+1514555021{position}")
        consent_record(person=person, purpose=ConsentPurpose.SERVICE, channel=ConsentChannel.SMS,
                       action=ConsentAction.GIVEN, method=ConsentMethod.DESK, wording="Oui")
        volunteers.append(volunteer_add(person=person, program=meal_program, weekdays=range(7)))
    return volunteers


def test_the_route_goes_to_three_volunteers_free_that_day(route, substitutes):
    offers = route_offer(route=route)
    assert [offer.volunteer for offer in offers] == substitutes[:3]
    bodies = OutboundMessage.objects.filter(key__startswith="route-offer:").values_list("body",
                                                                                         flat=True)
    assert len(bodies) == 3
    assert all("Répondez OUI pour la prendre" in body for body in bodies)


def test_the_first_oui_takes_the_route_and_the_others_are_told_it_is_taken(
        client, route, substitutes):
    route_offer(route=route)
    alice, bruno, chantal = (str(v.person.phone) for v in substitutes[:3])
    assert ask(client, bruno, "OUI").startswith("Merci! La tournée H4C du vendredi 21 août est à vous")
    assert ask(client, alice, "OUI") == "Merci! Cette tournée est déjà prise."
    assert ask(client, chantal, "oui") == "Merci! Cette tournée est déjà prise."
    link = RouteLink.objects.get(route=route, revoked_at__isnull=True)
    assert link.volunteer == substitutes[1]
    assert OutboundMessage.objects.filter(key=f"driver-link:{link.pk}", to=bruno).exists()
    statuses = dict(RouteOffer.objects.values_list("volunteer__person__first_name", "status"))
    assert statuses == {"Alice": OfferStatus.TOO_LATE, "Bruno": OfferStatus.TAKEN,
                        "Chantal": OfferStatus.TOO_LATE}


def test_a_non_declines_and_leaves_the_route_open(client, route, substitutes):
    route_offer(route=route)
    assert ask(client, str(substitutes[0].person.phone), "NON").startswith("Merci, c'est noté")
    assert not RouteLink.objects.exists()
    assert ask(client, str(substitutes[1].person.phone), "OUI").startswith("Merci! La tournée")


def test_the_staff_button_offers_the_route(client, popote_staff, route, substitutes):
    client.force_login(popote_staff)
    client.post(f"/benevoles/tournees/{route.pk}/", {"action": "offer"})
    assert RouteOffer.objects.count() == 3
    assert "Alice Relève" in client.get(f"/benevoles/tournees/{route.pk}/").content.decode()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_three_oui_at_the_same_moment_give_the_route_once(route, substitutes):
    route_offer(route=route)
    phones = [str(v.person.phone) for v in substitutes[:3]]
    replies = at_once(3, lambda client: ask(client, phones.pop(), "OUI"))
    assert sorted(reply.startswith("Merci! La tournée") for reply in replies) == [False, False,
                                                                                  True]
    assert RouteOffer.objects.filter(status=OfferStatus.TAKEN).count() == 1
    assert RouteLink.objects.filter(route=route, revoked_at__isnull=True).count() == 1

"""Outcomes from the phone: stored once per phone-made id; "nobody home" raises the alarm once."""

import uuid

import pytest

from drivers.models import StopOutcome
from drivers.tokens import token_for
from services.models import DeliveryStatus, FollowUp
from shop.notifications.models import OutboundMessage

pytestmark = pytest.mark.django_db


def send(client, link, items):
    response = client.post(f"/tournee/{token_for(link)}/resultats/",
                           content_type="application/json", data={"outcomes": items})
    assert response.status_code == 200
    return [result["status"] for result in response.json()["results"]]


def outcome(stop, kind, note=""):
    return {"id": str(uuid.uuid4()), "delivery": stop.pk, "outcome": kind, "note": note,
            "recorded_at": "2026-08-21T11:02:00-04:00"}


class TestOutcomesFromThePhone:
    def test_a_queue_sent_twice_is_stored_once(self, client, link):
        stops = list(link.route.stops.order_by("stop_order"))
        queue = [outcome(stop, "delivered") for stop in stops]
        assert send(client, link, queue) == ["stored"] * 5
        assert send(client, link, queue) == ["duplicate"] * 5
        assert StopOutcome.objects.count() == 5

    def test_each_outcome_is_the_stops_outcome(self, client, link):
        first, second = link.route.stops.order_by("stop_order")[:2]
        send(client, link, [outcome(first, "delivered", "Laissé à la voisine"),
                            outcome(second, "refused")])
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, first.note) == (DeliveryStatus.DELIVERED, "Laissé à la voisine")
        assert second.status == DeliveryStatus.REFUSED
        assert first.driver_outcomes.get().recorded_at.isoformat() == "2026-08-21T15:02:00+00:00"

    def test_an_unknown_outcome_is_refused(self, client, link):
        stop = link.route.stops.first()
        assert send(client, link, [outcome(stop, "lost")]) == ["refused"]
        assert send(client, link, [{"id": "not-a-uuid", "delivery": stop.pk,
                                    "outcome": "delivered"}]) == ["refused"]
        assert not StopOutcome.objects.exists()

    def test_a_body_that_is_not_a_list_is_refused(self, client, link):
        response = client.post(f"/tournee/{token_for(link)}/resultats/",
                               content_type="application/json", data={"outcomes": "all"})
        assert response.status_code == 400


class TestNobodyHome:
    def test_opens_one_follow_up_and_texts_the_on_call_number_and_the_emergency_contact(
            self, client, link, on_call):
        rita = link.route.stops.get(client__first_name="Rita")
        item = outcome(rita, "nobody_home")
        send(client, link, [item])
        send(client, link, [item])  # the same tap, sent again
        send(client, link, [outcome(rita, "nobody_home")])  # tapped twice
        assert FollowUp.objects.filter(delivery=rita, status="open").count() == 1
        to_on_call = OutboundMessage.objects.get(to=on_call)
        assert "Rita Lavoie" in to_on_call.body and "personne à la porte" in to_on_call.body
        to_contact = OutboundMessage.objects.get(to="+15145550177")
        assert "Rita Lavoie" in to_contact.body and "n’a pas répondu" in to_contact.body
        assert OutboundMessage.objects.count() == 2

    def test_without_an_emergency_contact_only_the_on_call_number_is_texted(
            self, client, link, on_call):
        marcel = link.route.stops.get(client__first_name="Marcel")
        send(client, link, [outcome(marcel, "nobody_home")])
        assert list(OutboundMessage.objects.values_list("to", flat=True)) == [on_call]
        assert FollowUp.objects.filter(delivery=marcel).count() == 1

    def test_delivered_texts_nobody(self, client, link, on_call):
        send(client, link, [outcome(link.route.stops.first(), "delivered")])
        assert not OutboundMessage.objects.exists()
        assert not FollowUp.objects.exists()

    def test_recorded_by_staff_on_the_route_sheet_it_raises_the_same_alarm(self, link, on_call):
        from services.services import delivery_record_outcome

        rita = link.route.stops.get(client__first_name="Rita")
        delivery_record_outcome(delivery=rita, outcome=DeliveryStatus.NOBODY_HOME)
        delivery_record_outcome(delivery=rita, outcome=DeliveryStatus.NOBODY_HOME)  # corrected
        assert sorted(OutboundMessage.objects.values_list("to", flat=True)) == sorted(
            [on_call, "+15145550177"])
        assert FollowUp.objects.filter(delivery=rita, status="open").count() == 1

"""SMS from meal clients known only by their client record (no account), signed as Twilio signs.

Most people who receive meals never open an account: a relative or the staff
register them, with their own phone number. That number is enough to skip the
next delivery, ask for it, answer an offered place or stop the texts. A number
two clients share acts for nobody and asks the person to call.
"""

from datetime import timedelta

import pytest

from phone_orders.models import Command, InboundSms
from services.models import (
    DeliveryStatus,
    OfferStatus,
    Registration,
    RegistrationStatus,
    WaitlistOffer,
)
from services.services import deliveries_generate, registration_approve, registration_refuse
from shop.notifications.models import OutboundMessage
from shop.notifications.services import is_opted_out
from tests.phone_orders.helpers import ask
from tests.services.factories import (
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    program_with,
    register,
    written,
)

pytestmark = pytest.mark.django_db

RITA = "+15145550177"
WEDNESDAY = SEASON_START + timedelta(days=2)


@pytest.fixture
def program(db):
    """Mondays and Wednesdays, room for one meal a day."""
    return program_with(weekdays=(0, 2), capacity=1)


@pytest.fixture
def season(program):
    return SeasonFactory(program=program)


def served(program, season, phone=RITA, *, weekdays=(0, 2), **fields):
    """A client with no account, approved, with two weeks of deliveries planned."""
    person = ClientFactory(phone=phone, **fields)
    registration_approve(registration=register(person, program, season, weekdays=weekdays),
                         by=None)
    deliveries_generate(start=SEASON_START, days=14)
    return person


class TestSkip:
    def test_sauter_from_a_meal_client_without_an_account_skips_their_next_delivery(
            self, client, program, season):
        rita = served(program, season)
        assert rita.user is None
        reply = ask(client, RITA, "SAUTER")
        assert reply == (f"Pas de repas le {written(SEASON_START, 'l j F')} : "
                         "votre livraison est annulée.")
        assert rita.deliveries.get(date=SEASON_START).status == DeliveryStatus.SKIPPED
        assert rita.deliveries.get(date=WEDNESDAY).status == DeliveryStatus.SCHEDULED
        assert InboundSms.objects.get().command == Command.SKIP

    def test_skip_in_english_answers_in_english(self, client, program, season):
        served(program, season)
        reply = ask(client, RITA, "skip")
        assert reply == f"No meal on {written(SEASON_START, 'l j F', 'en')}: your delivery is skipped."


class TestStatus:
    def test_statut_answers_their_next_delivery_date(self, client, program, season):
        served(program, season)
        reply = ask(client, RITA, "Statut")
        assert reply == (f"Votre prochaine livraison de repas : {written(SEASON_START, 'l j F')}, "
                         "1 repas.")

    def test_after_a_skip_statut_gives_the_delivery_after(self, client, program, season):
        served(program, season)
        ask(client, RITA, "SAUTER")
        assert written(WEDNESDAY, "l j F") in ask(client, RITA, "STATUT")

    def test_a_keyword_of_no_language_is_answered_in_the_clients_language(
            self, client, program, season):
        served(program, season, language="en")
        assert "STATUS" in ask(client, RITA, "INFO")


@pytest.fixture
def offered(program, season):
    """Rita waits for Monday's only place; Gérard, who had it, is refused: it is offered to Rita."""
    first = register(ClientFactory(), program, season, weekdays=[0])
    rita = ClientFactory(phone=RITA, sms_consent=True)
    waiting = register(rita, program, season, weekdays=[0])
    assert waiting.status == RegistrationStatus.WAITLISTED
    registration_refuse(registration=first, by=None, reason="Hors secteur")
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED
    return waiting


class TestAnOfferedPlace:
    def test_the_offer_by_sms_says_to_reply_oui_or_non(self, offered):
        message = OutboundMessage.objects.get(key__startswith="waitlist-offer:", to=RITA)
        assert "Répondez OUI pour la prendre ou NON" in message.body

    def test_oui_accepts_it(self, client, offered):
        reply = ask(client, RITA, "Oui")
        assert "la place est à vous" in reply
        offered.refresh_from_db()
        assert offered.status == RegistrationStatus.PENDING
        assert WaitlistOffer.objects.get(registration=offered).status == OfferStatus.ACCEPTED

    def test_non_leaves_it(self, client, offered):
        assert "vous laissez la place" in ask(client, RITA, "non merci")
        offered.refresh_from_db()
        assert offered.status == RegistrationStatus.CANCELLED

    def test_oui_after_it_expired_takes_nothing(self, client, offered, clock):
        clock.move_to(WaitlistOffer.objects.get().expires_at + timedelta(minutes=1))
        assert "pas de question en attente" in ask(client, RITA, "OUI")
        offered.refresh_from_db()
        assert offered.status == RegistrationStatus.OFFERED


class TestStop:
    def test_arret_from_a_meal_client_stops_the_texts_of_the_meal_service(
            self, client, offered):
        assert "vous ne recevrez plus de SMS" in ask(client, RITA, "ARRÊT")
        assert is_opted_out(RITA)


class TestANumberTwoClientsShare:
    def test_sauter_skips_nobodys_meal_and_asks_to_call(self, client, program, season):
        rita = served(program, season, weekdays=[0])
        paul = served(program, season, weekdays=[2], first_name="Paul")
        reply = ask(client, RITA, "SAUTER")
        assert "appeler" in reply and "(514) 555-0130" in reply
        assert not Registration.objects.filter(deliveries__status=DeliveryStatus.SKIPPED).exists()
        assert {rita.deliveries.count(), paul.deliveries.count()} == {2}

    def test_statut_tells_no_date_and_asks_to_call(self, client, program, season):
        served(program, season, weekdays=[0])
        served(program, season, weekdays=[2], first_name="Paul")
        reply = ask(client, RITA, "STATUT")
        assert "(514) 555-0130" in reply
        assert written(SEASON_START, "l j F") not in reply


class TestANumberNobodyKnows:
    def test_still_gets_the_shops_phone_number(self, client, program, season):
        served(program, season)
        reply = ask(client, "+15145550999", "SAUTER")
        assert "(514) 555-0100" in reply
        assert InboundSms.objects.get().command == Command.UNKNOWN_SENDER


class TestARecordSomeoneElseTypedWithAnAccountsNumber:
    """A stranger registered meals with the phone number of someone who has an account."""

    def test_a_text_from_the_account_never_acts_on_the_strangers_record(
            self, client, program, season):
        from tests.factories import PhoneOnlyClientFactory

        PhoneOnlyClientFactory(phone=RITA, first_name="Rita")
        stranger = served(program, season, first_name="Inconnu")

        reply = ask(client, RITA, "SAUTER")

        assert reply == "Vous n'avez aucune livraison à sauter."
        assert not stranger.deliveries.filter(status=DeliveryStatus.SKIPPED).exists()
        assert set(stranger.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SCHEDULED}

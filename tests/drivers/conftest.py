"""A meal route for tomorrow with five stops, a volunteer driver who agreed to texts, and staff."""

import pytest

from drivers.services import route_assign, volunteer_add
from services.services import deliveries_generate, registration_approve, routes_plan
from shop.accounts.services import user_make_coordinator
from shop.people.models import ConsentAction, ConsentChannel, ConsentMethod, ConsentPurpose, Person
from shop.people.services.consents import consent_record
from tests.clock import day
from tests.factories import SellerFactory, StaffFactory, seller_staff
from tests.services.factories import ClientFactory, SeasonFactory, program_with, register

HEALTH_MARKER = "ZZHEALTH-insuffisance-cardiaque-7731"
CLIENTS = [
    {"first_name": "Rita", "last_name": "Lavoie", "allergies": "noix, arachides",
     "access_notes": "Sonner deux fois", "diet_restrictions": HEALTH_MARKER,
     "emergency_contact_name": "Luc Lavoie", "emergency_contact_phone": "+15145550177"},
    {"first_name": "Gérard", "last_name": "Bouchard", "diet_restrictions": HEALTH_MARKER},
    {"first_name": "Lise", "last_name": "Tremblay", "access_notes": "Porte arrière"},
    {"first_name": "Marcel", "last_name": "Gagnon"},
    {"first_name": "Huguette", "last_name": "Roy", "allergies": "gluten"},
]


def meal_route(program, season, on, clients):
    for position, fields in enumerate(clients):
        client = ClientFactory(address_line1=f"{10 + position}, rue du Couvent", **fields)
        registration_approve(registration=register(client, program, season, weekdays=range(7),
                                                   start=day(0)), by=None)
    deliveries_generate(start=on, days=1, programs=[program])
    return routes_plan(program=program, date=on)[0]


@pytest.fixture
def meal_program(db):
    return program_with(weekdays=range(7), name="Popote roulante Saint-Henri")


@pytest.fixture
def route(meal_program):
    season = SeasonFactory(program=meal_program, starts_on=day(-30), ends_on=day(90))
    return meal_route(meal_program, season, day(1), CLIENTS)


@pytest.fixture
def driver_person(db):
    person = Person._default_manager.create(first_name="Jeanne", last_name="Bénévole",
                                            phone="+15145550199")
    consent_record(person=person, purpose=ConsentPurpose.SERVICE, channel=ConsentChannel.SMS,
                   action=ConsentAction.GIVEN, method=ConsentMethod.DESK, wording="Oui")
    return person


@pytest.fixture
def volunteer(meal_program, driver_person):
    return volunteer_add(person=driver_person, program=meal_program, weekdays=range(7))


@pytest.fixture
def link(route, volunteer):
    return route_assign(route=route, volunteer=volunteer)


@pytest.fixture
def on_call(settings):
    settings.MEALS_ON_CALL_PHONE = "+15145550111"
    return settings.MEALS_ON_CALL_PHONE


@pytest.fixture
def coordinator(db):
    return user_make_coordinator(user=StaffFactory())


@pytest.fixture
def popote_staff(meal_program):
    return seller_staff(meal_program.seller)


@pytest.fixture
def other_popote_staff(db):
    other = program_with(weekdays=range(7), name="Popote de Verdun")
    return seller_staff(other.seller)


@pytest.fixture
def bookshop_staff(db):
    return seller_staff(SellerFactory(name="Librairie du Coin", kind="bookshop"))

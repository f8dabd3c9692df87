"""Every staff view of a person's health, diet or access notes is logged (Loi 25)."""

import pytest
from django.urls import reverse

from services.services import deliveries_generate, registration_approve, routes_plan
from shop.accounts.services import user_make_coordinator
from shop.people.models import AccessLog, Person
from shop.people.services.access_log import access_log_record
from tests.factories import StaffFactory, seller_staff
from tests.services.factories import (
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    program_with,
    register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(db):
    return program_with(weekdays=(0, 2, 4), products=True)


@pytest.fixture
def meal_staff(program):
    return seller_staff(program.seller, first_name="Marie", last_name="Cuisine")


@pytest.fixture
def coordinator(db):
    return user_make_coordinator(user=StaffFactory())


@pytest.fixture
def gerard(program):
    """A meal client with allergies and access notes, delivered on the season's first Monday."""
    person = Person.objects.create(first_name="Gérard", last_name="Bouchard", phone="+15145550142")
    client = ClientFactory(person=person, first_name="Gérard", last_name="Bouchard",
                           allergies="Arachides", access_notes="Sonner deux fois")
    registration_approve(registration=register(client, program, SeasonFactory(program=program)),
                         by=None)
    deliveries_generate(start=SEASON_START, days=1)
    return client


class TestOpeningAMealClientsPage:
    def test_as_meal_staff_writes_exactly_one_row(self, client, meal_staff, gerard):
        client.force_login(meal_staff)
        response = client.get(reverse("services:client-detail", args=[gerard.pk]))
        assert response.status_code == 200 and "Arachides" in response.content.decode()
        row = AccessLog.objects.get()
        assert (row.viewer, row.person, row.viewer_name) == (meal_staff, gerard.person,
                                                              "Marie Cuisine")
        assert row.page == reverse("services:client-detail", args=[gerard.pk])

    def test_a_page_refused_writes_none(self, client, gerard):
        other = seller_staff(program_with(weekdays=(1,)).seller)
        client.force_login(other)
        assert client.get(reverse("services:client-detail", args=[gerard.pk])).status_code == 404
        assert not AccessLog.objects.exists()

    def test_the_edit_form_is_logged_too(self, client, meal_staff, gerard):
        client.force_login(meal_staff)
        client.get(reverse("services:client-update", args=[gerard.pk]))
        assert AccessLog.objects.filter(person=gerard.person).count() == 1


class TestListsOfNotes:
    def test_the_route_sheet_and_the_kitchen_counts_log_each_client_shown(
            self, client, meal_staff, gerard, program):
        routes_plan(program=program, date=SEASON_START)
        client.force_login(meal_staff)
        day = SEASON_START.isoformat()
        client.get(reverse("services:route-sheets", args=[program.pk, day]))
        client.get(reverse("services:production-counts", args=[program.pk, day]))
        pages = sorted(row.page for row in AccessLog.objects.filter(person=gerard.person))
        assert pages == sorted([reverse("services:route-sheets", args=[program.pk, day]),
                                reverse("services:production-counts", args=[program.pk, day])])


class TestTheLogPage:
    def test_coordinators_see_it_filtered_by_person(self, client, meal_staff, coordinator,
                                                    gerard):
        other = Person.objects.create(first_name="Yvette", last_name="Lajoie")
        access_log_record(viewer=meal_staff, person=other, page="/ailleurs/")
        client.force_login(meal_staff)
        client.get(reverse("services:client-detail", args=[gerard.pk]))
        client.force_login(coordinator)
        page = client.get(reverse("people:staff-access-log"), {"person": gerard.person.pk})
        text = page.content.decode()
        assert page.status_code == 200
        assert "Marie Cuisine" in text and "Gérard Bouchard" in text and "Yvette" not in text
        everyone = client.get(reverse("people:staff-access-log")).content.decode()
        assert "Yvette Lajoie" in everyone and "/ailleurs/" in everyone

    def test_meal_staff_cannot_open_it(self, client, meal_staff):
        client.force_login(meal_staff)
        assert client.get(reverse("people:staff-access-log")).status_code == 403


def test_the_admins_client_form_is_logged_too(client, gerard):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("admin@example.org", "motdepasse-123")
    client.force_login(admin)
    response = client.get(reverse("admin:services_client_change", args=[gerard.pk]))
    assert response.status_code == 200
    assert AccessLog.objects.get().person == gerard.person

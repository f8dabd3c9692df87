"""Who signs in in two steps: administrators and coordinators must, seller staff may."""

import pytest

from shop.twofactor.access import (
    second_factor_mandatory,
    second_factor_offered,
    second_factor_required,
)
from tests.twofactor import verified_device

pytestmark = pytest.mark.django_db


def test_administrators_and_coordinators_must(administrator, coordinator):
    for user in (administrator, coordinator):
        assert second_factor_mandatory(user) and second_factor_required(user)


def test_seller_staff_may_but_need_not_by_default(bookseller):
    assert second_factor_offered(bookseller)
    assert not second_factor_required(bookseller)


def test_seller_staff_must_when_the_setting_says_so(bookseller, settings):
    settings.OTP_REQUIRED_FOR_SELLER_STAFF = True
    assert second_factor_mandatory(bookseller) and second_factor_required(bookseller)


def test_seller_staff_who_set_it_up_are_asked_for_it(bookseller):
    verified_device(bookseller)
    assert second_factor_required(bookseller)
    assert not second_factor_mandatory(bookseller)


def test_clients_are_never_asked_nor_offered_it(customer):
    assert not second_factor_offered(customer)
    assert not second_factor_required(customer)


def test_a_deactivated_coordinator_is_not_asked(coordinator):
    coordinator.is_active = False
    assert not second_factor_required(coordinator)

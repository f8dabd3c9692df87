"""Coordinators see the whole dashboard; seller staff only their seller's part."""

import pytest

from shop.accounts.services import user_make_coordinator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_opens_every_dashboard_section(client):
    coordinator = user_make_coordinator(user=UserFactory())
    client.force_login(coordinator)
    for url in ("/dashboard/", "/dashboard/orders/", "/dashboard/catalogue/",
                "/dashboard/partners/", "/dashboard/users/", "/dashboard/reports/"):
        assert client.get(url).status_code == 200, url


def test_the_group_exists_after_migrations_with_order_permissions():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Coordinators")
    assert group.permissions.filter(codename="change_order").exists()
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_coordinators_hold_no_permission_on_staffs_second_step_devices():
    """Else a coordinator could remove an administrator's phone or read its key in the admin."""
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Coordinators")
    assert not group.permissions.filter(
        content_type__app_label__in=["otp_totp", "otp_static"]).exists()

"""The demo's people: seller staff, coordination, a phone desk volunteer, an
administrator and clients.

Everyone who can log in shares ``DEMO_PASSWORD``. The client known only by
phone has no email and no password: staff find them by their number.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import sellers

DEMO_PASSWORD = "demo-comptoir"


class Role(models.TextChoices):
    SELLER_STAFF = "seller_staff", _("Seller staff")
    COORDINATOR = "coordinator", _("Coordinator (whole dashboard)")
    PHONE_DESK = "phone_desk", _("Phone desk volunteer (phone orders for every seller)")
    ADMIN = "admin", _("Administrator (Django admin too)")
    CLIENT = "client", _("Client")
    PHONE_CLIENT = "phone_client", _("Client known by phone only")


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    role: str
    email: str | None = None
    phone: str | None = None
    seller_code: str | None = None

    @property
    def can_log_in(self):
        return bool(self.email)

    @property
    def is_staff(self):
        return self.role in (Role.COORDINATOR, Role.ADMIN)

    @property
    def is_superuser(self):
        return self.role == Role.ADMIN


PEOPLE = (
    Person(
        "Simon",
        "Gravel",
        Role.SELLER_STAFF,
        email="libraire@example.org",
        seller_code=sellers.BOOKSHOP.code,
    ),
    Person(
        "Nadia",
        "Benali",
        Role.SELLER_STAFF,
        email="outiltheque@example.org",
        seller_code=sellers.TOOL_LIBRARY.code,
    ),
    Person(
        "Claire",
        "Vachon",
        Role.SELLER_STAFF,
        email="popote@example.org",
        seller_code=sellers.MEAL_SERVICE.code,
    ),
    Person("Josée", "Bélanger", Role.COORDINATOR, email="coordination@example.org"),
    Person("Lucie", "Gingras", Role.PHONE_DESK, email="benevole@example.org"),
    Person("Alex", "Admin", Role.ADMIN, email="admin@example.org"),
    Person("Léa", "Tremblay", Role.CLIENT, email="lea.tremblay@example.org", phone="+15145550151"),
    Person("Marc-Olivier", "Roy", Role.CLIENT, email="marc-olivier.roy@example.org"),
    Person("Amina", "Diallo", Role.CLIENT, email="amina.diallo@example.org", phone="+15145550152"),
    Person("Gérard", "Bouchard", Role.PHONE_CLIENT, phone="+15145550142"),
)

PHONE_ONLY_CLIENT = PEOPLE[-1]

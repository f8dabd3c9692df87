"""What a driver is shown of a stop: where, how to get in, what to hand over, what to know.

Only these words leave the client's record: the address, the access notes, the
meal, the client's phone, and short "what to know" words made from the diet
and allergy fields ("sans noix"). Health notes never reach the driver's page;
a field's text is shown only as the word list ``know_words`` makes of it.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext as _

MAX_WORDS = 6
MAX_WORD_LENGTH = 40


@dataclass(frozen=True)
class DriverStop:
    pk: int
    order: int
    name: str
    address: str
    maps_url: str
    access_notes: str
    meal: str
    meals: int
    know: list
    phone: str
    phone_display: str
    status: str
    status_label: str

    def as_json(self) -> dict:
        return {"delivery": self.pk, "order": self.order, "name": self.name,
                "status": self.status}


def know_words(allergies: str) -> list[str]:
    """Allergies as short "no X" words: one per item listed, nothing else of the record."""
    items = [item.strip(" .") for item in re.split(r"[,;\n]+", allergies or "")]
    return [_("no %(item)s") % {"item": item[:MAX_WORD_LENGTH]}
            for item in items if item][:MAX_WORDS]


def driver_stop(delivery) -> DriverStop:
    client = delivery.client
    phone = client.phone
    return DriverStop(
        pk=delivery.pk, order=delivery.stop_order or 0, name=client.full_name,
        address=client.address, maps_url="geo:0,0?q=" + quote(client.address),
        access_notes=client.access_notes, meal=str(delivery.meal_option),
        meals=delivery.meals, know=know_words(client.allergies),
        phone=str(phone) if phone else "", phone_display=phone.as_national if phone else "",
        status=delivery.status, status_label=delivery.get_status_display(),
    )

"""The summary of an online registration, page by page, in plain words, before it is sent.

Each section is one page of the form, with its answers as ``(question, answer)``
rows and the page's name for its "Change" link. The person filling in the form
sees everything they typed, allergies and diet included: it is their own data.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from services import selectors
from services.models import ContactChannel, Fare, Language
from services.weekdays import Weekday


@dataclass
class Section:
    step: str
    title: str
    rows: list = field(default_factory=list)
    missing: bool = False

    def add(self, question, answer):
        self.rows.append((question, answer if answer not in ("", None) else _("Not given")))


def review_sections(*, program, season, answers: dict, titles: dict) -> list[Section]:
    """One ``Section`` per page answered, in the order of the form."""
    builders = {"area": _area, "person": _person, "meals": _meals, "health": _health,
                "contact": _contact}
    sections = []
    for step, build in builders.items():
        section = Section(step=step, title=str(titles[step]))
        if answers.get(step) is None:
            section.missing = True
        else:
            build(section, answers[step], program=program, season=season)
        sections.append(section)
    return sections


def _area(section, answer, **_context):
    section.add(_("Postal code"), answer["postal_code"])


def _person(section, answer, **_context):
    section.add(_("Name"), f"{answer['first_name']} {answer['last_name']}".strip())
    section.add(_("Address"), ", ".join(
        part for part in (answer["address_line1"], answer["address_line2"]) if part))
    section.add(_("Phone number"), answer["phone"].as_national if answer["phone"] else "")
    section.add(_("Language"), Language(answer["language"]).label)
    section.add(_("Filled in by"), answer["registered_by"] or _("The person who will receive "
                                                                  "the meals"))


def _meals(section, answer, *, program, season):
    days = sorted(int(day) for day in answer["weekdays"])
    section.add(_("Delivery days"), ", ".join(str(Weekday(day).label) for day in days))
    section.add(_("Meal"), str(answer["meal_option"]))
    section.add(_("Meals each delivery"), str(answer["meals_per_delivery"]))
    section.add(_("Price"), Fare(answer["fare"]).label)
    first = selectors.first_delivery_from(program=program, season=season, weekdays=days,
                                          start=answer["requested_start"])
    section.add(_("First delivery"), date_format(first or answer["requested_start"], "l j F Y"))


def _health(section, answer, **_context):
    section.add(_("Allergies"), answer["allergies"] or _("Nothing to report"))
    section.add(_("Diet"), answer["diet_restrictions"] or _("Nothing to report"))
    section.add(_("How to reach the door"), answer["access_notes"])
    phone = answer["emergency_contact_phone"]
    section.add(_("Person to call in an emergency"), ", ".join(
        part for part in (answer["emergency_contact_name"], phone.as_national if phone else "")
        if part))


def _contact(section, answer, **_context):
    section.add(_("How we reach you"), ContactChannel(answer["preferred_channel"]).label)
    if answer["email"]:
        section.add(_("Email address"), answer["email"])
    section.add(_("Text messages (SMS)"), _("Yes, you may send me text messages")
                if answer["sms_consent"] else _("No text messages"))

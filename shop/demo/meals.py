"""The meal service's plans: each plan sold at a regular and a solidarity fare.

A meal is one delivery of soup, main course and dessert. Each (plan, fare)
pair is its own product, keyed on a stable code, so that any channel can order
it through the same pipeline; the ``meal_plan`` and ``fare`` attributes say
which is which.
"""

from dataclasses import dataclass
from decimal import Decimal

PRODUCT_CLASS = "Repas"
ATTRIBUTES = (
    # (code, name, type)
    ("meal_plan", "Formule", "text"),
    ("fare", "Tarif", "text"),
)
CATEGORY = ("Repas",)

REGULAR_FARE = "Tarif régulier"
SOLIDARITY_FARE = "Tarif solidaire"


@dataclass(frozen=True)
class MealPlan:
    code: str
    name: str
    regular_price: Decimal
    solidarity_price: Decimal
    description: str


@dataclass(frozen=True)
class Meal:
    code: str
    title: str
    meal_plan: str
    fare: str
    price: Decimal
    description: str


PLANS = (
    MealPlan("POP-REG", "Repas régulier", Decimal("8.00"), Decimal("5.00"),
             "Soupe, plat principal et dessert du jour, cuisinés sur place et livrés chauds le midi."),
    MealPlan("POP-DIA", "Repas diabétique", Decimal("8.00"), Decimal("5.00"),
             "Le menu du jour adapté : glucides contrôlés, dessert sans sucre ajouté."),
    MealPlan("POP-TEX", "Repas à texture adaptée", Decimal("8.50"), Decimal("5.50"),
             "Le menu du jour en texture hachée ou purée, pour les personnes qui ont du mal à avaler."),
    MealPlan("POP-VEG", "Repas végétarien", Decimal("8.00"), Decimal("5.00"),
             "Un menu sans viande ni poisson, riche en légumineuses et en légumes de saison."),
)

_SOLIDARITY_NOTE = " Tarif solidaire offert aux personnes à faible revenu."


def _meals():
    for plan in PLANS:
        yield Meal(plan.code, plan.name, plan.name, REGULAR_FARE, plan.regular_price,
                   plan.description)
        yield Meal(plan.code + "-SOL", plan.name + " — tarif solidaire", plan.name,
                   SOLIDARITY_FARE, plan.solidarity_price, plan.description + _SOLIDARITY_NOTE)


MEALS = tuple(_meals())

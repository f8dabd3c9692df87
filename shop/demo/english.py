"""English names of the demo's categories, product types and attributes.

The demo's catalogue is written in French (the shop's default language); these
are the values clients see when they browse in English.
"""

NAMES = {
    # Product types
    "Livre imprimé": "Printed book",
    "Location d'outil": "Tool rental",
    # Categories ("Repas" is also the meal service's product type)
    "Livres": "Books",
    "Romans": "Novels",
    "Jeunesse": "Children and youth",
    "Essais": "Essays",
    "Bandes dessinées": "Comics",
    "Outils": "Tools",
    "Électroportatifs": "Power tools",
    "Jardinage": "Gardening",
    "Échelles et échafaudages": "Ladders and scaffolding",
    "Nettoyage et entretien": "Cleaning and upkeep",
    "Mesure et traçage": "Measuring and marking",
    "Repas": "Meals",
    # Attributes
    "ISBN": "ISBN",
    "Auteur": "Author",
    "Éditeur": "Publisher",
    "Formule": "Meal plan",
    "Tarif": "Fare",
}


def name(french: str) -> str:
    """The English name of a demo catalogue name (the French one if it has none)."""
    return NAMES.get(french, french)

"""The tool library's catalogue: about thirty tools lent for a rental fee.

Each tool is keyed on the tool library's own inventory code (used as UPC and
SKU); ``num_in_stock`` is the number of identical units it owns.
"""

from dataclasses import dataclass
from decimal import Decimal

PRODUCT_CLASS = "Location d'outil"

POWER_TOOLS = ("Outils", "Électroportatifs")
GARDEN = ("Outils", "Jardinage")
LADDERS = ("Outils", "Échelles et échafaudages")
CLEANING = ("Outils", "Nettoyage et entretien")
MEASURING = ("Outils", "Mesure et traçage")
CATEGORIES = (POWER_TOOLS, GARDEN, LADDERS, CLEANING, MEASURING)


@dataclass(frozen=True)
class Tool:
    code: str
    title: str
    category: tuple
    price: Decimal
    num_in_stock: int
    description: str


_ROWS = (
    # code, title, category, rental fee, units, description
    ("OTH-001", "Perceuse-visseuse sans fil 18 V", POWER_TOOLS, "8.00", 3,
     "Livrée avec deux batteries, un chargeur et un jeu d'embouts."),
    ("OTH-002", "Perceuse à percussion", POWER_TOOLS, "8.00", 2,
     "Pour percer la brique et le béton. Mèches à maçonnerie incluses."),
    ("OTH-003", "Marteau perforateur SDS", POWER_TOOLS, "15.00", 1,
     "Pour les gros travaux dans le béton; ciseau et mèches SDS fournis."),
    ("OTH-004", "Scie circulaire 7 1/4 po", POWER_TOOLS, "10.00", 2,
     "Lame au carbure pour le bois; guide parallèle inclus."),
    ("OTH-005", "Scie sauteuse", POWER_TOOLS, "7.00", 2,
     "Coupes droites et courbes dans le bois, le métal mince et le stratifié."),
    ("OTH-006", "Scie à onglets 10 po", POWER_TOOLS, "15.00", 1,
     "Pour les moulures, les planchers et les cadrages précis."),
    ("OTH-007", "Ponceuse orbitale", POWER_TOOLS, "6.00", 3,
     "Livrée avec un assortiment de disques abrasifs."),
    ("OTH-008", "Meuleuse d'angle 4 1/2 po", POWER_TOOLS, "8.00", 1,
     "Disques à tronçonner et à meuler inclus. Lunettes de sécurité fournies."),
    ("OTH-009", "Outil oscillant multifonction", POWER_TOOLS, "7.00", 2,
     "Coupe, ponce et gratte dans les endroits difficiles d'accès."),
    ("OTH-010", "Décapeur thermique", POWER_TOOLS, "6.00", 2,
     "Pour décaper la peinture ou assouplir le vinyle."),
    ("OTH-011", "Tondeuse à gazon manuelle", GARDEN, "8.00", 2,
     "Tondeuse à rouleau sans moteur, silencieuse et légère."),
    ("OTH-012", "Taille-haie électrique", GARDEN, "9.00", 2,
     "Lame de 22 po; rallonge extérieure non incluse."),
    ("OTH-013", "Coupe-bordure à batterie", GARDEN, "8.00", 1,
     "Batterie et bobine de fil de rechange incluses."),
    ("OTH-014", "Scarificateur à gazon", GARDEN, "12.00", 1,
     "Pour aérer la pelouse au printemps."),
    ("OTH-015", "Motoculteur", GARDEN, "25.00", 1,
     "Pour retourner un potager. Formation de cinq minutes au comptoir au premier prêt."),
    ("OTH-016", "Brouette", GARDEN, "5.00", 3,
     "Caisse de 6 pi³, pneu increvable."),
    ("OTH-017", "Sécateur à long manche", GARDEN, "5.00", 2,
     "Pour tailler les branches jusqu'à 5 cm de diamètre."),
    ("OTH-018", "Souffleur à feuilles", GARDEN, "9.00", 1,
     "Électrique, pour l'automne dans la cour et la ruelle."),
    ("OTH-019", "Tarière à poteaux manuelle", GARDEN, "6.00", 1,
     "Pour planter des poteaux de clôture ou de bacs surélevés."),
    ("OTH-020", "Échelle coulissante 24 pi", LADDERS, "15.00", 1,
     "Aluminium, grade 1. Transport par vos soins : prévoir un support de toit."),
    ("OTH-021", "Escabeau 6 pi", LADDERS, "6.00", 3,
     "Escabeau en fibre de verre, sûr près de l'électricité."),
    ("OTH-022", "Échelle multiposition", LADDERS, "12.00", 1,
     "Se transforme en escabeau, en échelle droite ou en plateforme d'escalier."),
    ("OTH-023", "Échafaudage roulant", LADDERS, "25.00", 1,
     "Une section, avec roues à frein et garde-corps."),
    ("OTH-024", "Nettoyeur haute pression", CLEANING, "15.00", 1,
     "Pour les balcons, les clôtures et les meubles de jardin."),
    ("OTH-025", "Aspirateur d'atelier eau et poussière", CLEANING, "8.00", 2,
     "Cuve de 12 gallons, filtre HEPA pour la poussière de plâtre."),
    ("OTH-026", "Shampouineuse à tapis", CLEANING, "12.00", 1,
     "Produit nettoyant non inclus; demandez la recette maison au comptoir."),
    ("OTH-027", "Décolleuse à papier peint", CLEANING, "7.00", 1,
     "À vapeur, avec plaque de 8 po."),
    ("OTH-028", "Niveau laser autonivelant", MEASURING, "10.00", 1,
     "Lignes croisées, trépied inclus."),
    ("OTH-029", "Détecteur de montants et de fils", MEASURING, "5.00", 2,
     "Repère les montants de bois, les tuyaux et les fils sous tension."),
    ("OTH-030", "Télémètre laser", MEASURING, "5.00", 2,
     "Mesure les pièces jusqu'à 30 m, calcule surfaces et volumes."),
)

TOOLS = tuple(
    Tool(
        code=code,
        title=title,
        category=category,
        price=Decimal(price),
        num_in_stock=num_in_stock,
        description=description,
    )
    for code, title, category, price, num_in_stock, description in _ROWS
)

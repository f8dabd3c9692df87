"""The three fictional sellers of the demo, keyed on their partner code."""

from dataclasses import dataclass, field

from shop.partner.models import SellerKind


@dataclass(frozen=True)
class SellerSpec:
    code: str
    name: str
    kind: str
    contact_phone: str
    contact_email: str
    gst_number: str
    qst_number: str
    tax_exempt: bool = False
    address: dict = field(default_factory=dict)
    description: str = ""  # rich text of its public page (shop.richtext)
    opening_hours: str = ""


BOOKSHOP = SellerSpec(
    code="librairie-le-signet",
    name="Librairie Le Signet",
    kind=SellerKind.BOOKSHOP,
    contact_phone="+15145550110",
    contact_email="bonjour@lesignet.example.org",
    gst_number="811223344RT0001",
    qst_number="1221334455TQ0001",
    address={
        "line1": "4321, rue Saint-Denis",
        "line4": "Montréal",
        "state": "QC",
        "postcode": "H2J 2K9",
    },
    description=(
        "<p>Librairie indépendante du Plateau depuis 1987, <strong>Le Signet</strong> "
        "fait une large place aux auteurs québécois, aux livres jeunesse et aux gros "
        "caractères pour les lecteurs qui en ont besoin.</p>"
        "<p>On vous conseille au comptoir ou au téléphone, et on commande pour vous "
        "les titres qui ne sont pas en rayon.</p>"
    ),
    opening_hours="Mardi au vendredi : 10 h à 18 h\nSamedi : 10 h à 17 h\nDimanche et lundi : fermé",
)

TOOL_LIBRARY = SellerSpec(
    code="outiltheque-hochelaga",
    name="Outilthèque Hochelaga",
    kind=SellerKind.TOOL_LIBRARY,
    contact_phone="+15145550120",
    contact_email="pret@outiltheque-hochelaga.example.org",
    gst_number="822334455RT0001",
    qst_number="1222445566TQ0001",
    address={
        "line1": "3845, rue Ontario Est",
        "line4": "Montréal",
        "state": "QC",
        "postcode": "H1W 1S1",
    },
    description=(
        "<p>L'<strong>Outilthèque Hochelaga</strong> prête et loue des outils aux gens "
        "du quartier : perceuses, scies, échelles, outils de jardin.</p>"
        "<ul><li>Prêt gratuit pour les membres</li><li>Location à la journée pour "
        "tous</li><li>Conseils d'utilisation à chaque emprunt</li></ul>"
    ),
    opening_hours="Mercredi au vendredi : 13 h à 19 h\nSamedi : 9 h à 16 h",
)

MEAL_SERVICE = SellerSpec(
    code="popote-saint-henri",
    name="Popote roulante Saint-Henri",
    kind=SellerKind.MEAL_SERVICE,
    contact_phone="+15145550130",
    contact_email="repas@popote-sainthenri.example.org",
    gst_number="833445566RT0001",
    qst_number="1223556677TQ0001",
    tax_exempt=True,
    address={
        "line1": "4510, rue Notre-Dame Ouest",
        "line4": "Montréal",
        "state": "QC",
        "postcode": "H4C 1S3",
    },
    description=(
        "<p>La <strong>Popote roulante Saint-Henri</strong> cuisine des repas chauds "
        "et équilibrés, livrés à domicile par des bénévoles aux aînés et aux personnes "
        "en perte d'autonomie du Sud-Ouest.</p>"
        "<p>Chaque livraison est aussi une visite : si quelque chose ne va pas, nous "
        "appelons un proche.</p>"
    ),
    opening_hours="Cuisine et livraisons : lundi au vendredi, 10 h à 13 h\n"
                  "Inscriptions au téléphone : lundi au vendredi, 9 h à 16 h",
)

SELLERS = (BOOKSHOP, TOOL_LIBRARY, MEAL_SERVICE)

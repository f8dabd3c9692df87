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
)

SELLERS = (BOOKSHOP, TOOL_LIBRARY, MEAL_SERVICE)

"""A basket from two sellers, each with its counter: the bookshop and a grocer."""

from oscar.core.loading import get_model

from shop.taxes import TaxClass
from tests.factories import SellerFactory, product_for

Country = get_model("address", "Country")
PartnerAddress = get_model("partner", "PartnerAddress")

BOOKSHOP_HOURS = "Mardi au samedi, 10 h à 18 h"


def canada():
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="CA", defaults={"name": "Canada", "is_shipping_country": True})
    return country


def sellers_have_opening_hours():
    Partner = get_model("partner", "Partner")
    return any(field.name == "opening_hours" for field in Partner._meta.get_fields())


def seller_with_counter(name, *, kind="other", line1, postcode, phone, hours=""):
    seller = SellerFactory(name=name, kind=kind)
    seller.contact_phone = phone
    if hours and sellers_have_opening_hours():
        seller.opening_hours = hours
    seller.save()
    PartnerAddress.objects.create(partner=seller, line1=line1, line4="Montréal", state="QC",
                                  postcode=postcode, country=canada())
    return seller


def two_sellers_products():
    """A printed book from the bookshop and a jar of jam (goods) from the grocer."""
    bookshop = seller_with_counter("Librairie du Quartier", kind="bookshop",
                                   line1="4380 rue Saint-Denis", postcode="H2J 2L1",
                                   phone="+15145550111", hours=BOOKSHOP_HOURS)
    grocer = seller_with_counter("Épicerie Solidaire", line1="2100 rue Ontario Est",
                                 postcode="H2K 1V7", phone="+15145550122")
    book = product_for(bookshop, title="Kamouraska", price="24.95", tax_class=TaxClass.BOOKS,
                       class_name="Livre imprimé")
    jam = product_for(grocer, title="Confiture de bleuets", price="10.00",
                      class_name="Épicerie")
    return book, jam

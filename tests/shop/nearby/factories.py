"""Sellers' counters (Oscar ``PartnerAddress``) for the "near me" page."""

from oscar.core.loading import get_model

Country = get_model("address", "Country")
PartnerAddress = get_model("partner", "PartnerAddress")


def counter_of(seller, *, line1="4321, rue Saint-Denis", city="Montréal", postcode="H2J 2K9"):
    """The address where ``seller``'s clients pick up their orders."""
    canada, _created = Country._default_manager.get_or_create(
        iso_3166_1_a2="CA", defaults={"name": "Canada", "printable_name": "Canada"})
    return PartnerAddress._default_manager.create(
        partner=seller, line1=line1, line4=city, state="QC", postcode=postcode, country=canada)

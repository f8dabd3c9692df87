"""What an invoice must show, by its amount (Revenu Québec's three bands)."""

from decimal import Decimal as D

from shop.invoices.content import RequiredContent, required_content

NOTHING_MORE = RequiredContent()
TAX_DETAILS = RequiredContent(tax_numbers=True, tax_amounts=True)
EVERYTHING = RequiredContent(tax_numbers=True, tax_amounts=True, buyer_name=True,
                             item_descriptions=True, payment_terms=True)


def test_under_30_dollars_only_the_seller_date_and_total_are_required():
    assert required_content(D("29.99")) == NOTHING_MORE
    assert required_content(D("0.50")) == NOTHING_MORE


def test_from_30_dollars_the_tax_numbers_and_amounts_are_required():
    assert required_content(D("30.00")) == TAX_DETAILS
    assert required_content(D("149.99")) == TAX_DETAILS


def test_from_150_dollars_the_buyer_items_and_payment_terms_are_required_too():
    assert required_content(D("150.00")) == EVERYTHING
    assert required_content(D("1200.00")) == EVERYTHING


def test_a_credit_note_follows_the_band_of_its_amount():
    assert required_content(D("-150.00")) == EVERYTHING

"""Factories shared by the whole suite (one place, so every app builds data alike)."""

from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from shop.taxes import TaxClass

User = get_model("accounts", "User")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"client{n}@example.org")
    first_name = "Léa"
    last_name = factory.Sequence(lambda n: f"Tremblay{n}")
    password = factory.django.Password("motdepasse-123")


class PhoneOnlyClientFactory(UserFactory):
    email = None
    phone = factory.Sequence(lambda n: f"+1514555{n:04d}")
    first_name = "Gérard"
    last_name = factory.Sequence(lambda n: f"Bouchard{n}")
    password = factory.LazyFunction(lambda: make_password(None))  # cannot log in


class StaffFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@example.org")
    is_staff = True


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Vendeur {n}")
    kind = "other"
    gst_number = "123456789RT0001"
    qst_number = "1234567890TQ0001"


def seller_staff(seller, **kwargs):
    """A user of the seller's staff, with Oscar's partner dashboard access."""
    user = UserFactory(**kwargs)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    seller.users.add(user)
    return user


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "Article"
    tax_class = TaxClass.STANDARD
    track_stock = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Produit {n}")
    upc = factory.Sequence(lambda n: f"UPC{n:08d}")
    product_class = factory.SubFactory(ProductClassFactory)
    structure = "standalone"
    is_public = True


class StockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockRecord

    product = factory.SubFactory(ProductFactory)
    partner = factory.SubFactory(SellerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU{n:06d}")
    price = Decimal("10.00")
    price_currency = "CAD"
    num_in_stock = 50


def product_for(seller, *, title="Produit", price="10.00", tax_class=TaxClass.STANDARD,
                class_name=None, num_in_stock=50):
    """A public product sold by ``seller`` at ``price`` (before tax)."""
    product_class = ProductClassFactory(
        name=class_name or f"Classe {tax_class}", tax_class=tax_class
    )
    product = ProductFactory(title=title, product_class=product_class)
    StockRecordFactory(
        product=product, partner=seller, price=Decimal(price), num_in_stock=num_in_stock
    )
    return product

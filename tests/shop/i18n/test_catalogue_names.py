"""Categories, product types and attribute names in the client's language.

French is the default value of each name; an English one is shown on the
English pages, and a name with no English value stays French there.
"""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from shop.taxes import TaxClass
from tests.factories import ProductClassFactory, ProductFactory, SellerFactory, StockRecordFactory
from tests.shop.i18n.visible import visible_text

Category = get_model("catalogue", "Category")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")

pytestmark = pytest.mark.django_db


@pytest.fixture
def novel():
    books = ProductClassFactory(name="Livre imprimé", tax_class=TaxClass.BOOKS)
    books.name_en = "Printed book"
    books.save()
    author = ProductAttribute.objects.create(product_class=books, code="author", type="text",
                                             name="Auteur", name_en="Author")
    ProductAttribute.objects.create(product_class=books, code="publisher", type="text",
                                    name="Éditeur")  # no English name yet
    shelf = Category.add_root(name="Livres", name_en="Books", is_public=True)
    novels = shelf.add_child(name="Romans", name_en="Novels", description="Des romans d'ici.",
                             description_en="Novels from here.", is_public=True)
    product = ProductFactory(title="Les Belles-sœurs", product_class=books)
    author.save_value(product, "Michel Tremblay")
    product.attr.publisher = "Leméac"
    product.attr.save()
    ProductCategory.objects.create(product=product, category=novels)
    StockRecordFactory(product=product, partner=SellerFactory(name="Librairie du Quartier"))
    return product


def test_french_pages_show_the_french_names(client, novel):
    text = visible_text(client.get(novel.get_absolute_url()).content.decode())
    for french in ("Livres", "Romans", "Livre imprimé", "Auteur", "Éditeur"):
        assert french in text
    for english in ("Books", "Novels", "Printed book", "Author"):
        assert english not in text


def test_english_pages_show_the_english_names(client, novel):
    text = visible_text(client.get("/en" + novel.get_absolute_url()).content.decode())
    for english in ("Books", "Novels", "Printed book", "Author"):
        assert english in text
    for french in ("Livres", "Romans", "Livre imprimé", "Auteur"):
        assert french not in text
    assert "Éditeur" in text  # no English name given: the French one, not an empty label


def test_english_category_page_shows_the_english_description(client, novel):
    novels = Category.objects.get(slug="romans")
    french = visible_text(client.get(novels.get_absolute_url()).content.decode())
    english = visible_text(client.get("/en" + novels.get_absolute_url()).content.decode())
    assert "Des romans d'ici." in french and "Novels from here." not in french
    assert "Novels from here." in english and "Des romans d'ici." not in english


def test_the_french_name_is_the_default_value(novel):
    category = Category.objects.get(slug="romans")
    assert category.name_fr_ca == "Romans"
    with translation.override("en"):
        assert category.name == "Novels"
    with translation.override("fr-ca"):
        assert category.name == "Romans"


def test_the_demo_catalogue_has_english_names(db):
    from shop.demo.loader import demo_load

    demo_load()
    with translation.override("en"):
        names = set(Category.objects.values_list("name_en", flat=True))
        assert {"Books", "Novels", "Tools", "Gardening", "Meals"} <= names
        classes = {product_class.name for product_class in get_model("catalogue", "ProductClass").objects.all()}
        assert {"Printed book", "Tool rental"} <= classes
        assert {"Author", "Publisher"} <= {a.name for a in ProductAttribute.objects.all()}
    with translation.override("fr-ca"):
        assert "Livres" in {category.name for category in Category.objects.all()}


def test_staff_give_a_category_its_english_name_in_the_dashboard(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(is_superuser=True))
    category = Category.add_root(name="Outils", is_public=True)
    response = client.post(f"/dashboard/catalogue/categories/{category.pk}/update/", {
        "name": "Outils", "slug": "outils", "description": "", "is_public": "on",
        "name_en": "Tools", "description_en": "<p>Tools <script>alert(1)</script>to borrow.</p>",
        "treebeard_position": "first-child", "treebeard_ref_node": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    category.refresh_from_db()
    assert (category.name_fr_ca, category.name_en) == ("Outils", "Tools")
    assert "script" not in category.description_en  # cleaned like the French one
    with translation.override("en"):
        assert category.name == "Tools"


def test_staff_give_a_product_type_and_its_attributes_english_names(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(is_superuser=True))
    books = ProductClassFactory(name="Livre imprimé", tax_class=TaxClass.BOOKS)
    author = ProductAttribute.objects.create(product_class=books, code="author", type="text",
                                             name="Auteur")
    response = client.post(f"/dashboard/catalogue/product-type/{books.pk}/update/", {
        "name": "Livre imprimé", "name_en": "Printed book", "track_stock": "on",
        "attributes-TOTAL_FORMS": "1", "attributes-INITIAL_FORMS": "1",
        "attributes-MIN_NUM_FORMS": "0", "attributes-MAX_NUM_FORMS": "1000",
        "attributes-0-id": author.pk, "attributes-0-product_class": books.pk,
        "attributes-0-name": "Auteur", "attributes-0-name_en": "Author",
        "attributes-0-code": "author", "attributes-0-type": "text",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    books.refresh_from_db()
    author.refresh_from_db()
    assert (books.name_fr_ca, books.name_en) == ("Livre imprimé", "Printed book")
    assert (author.name_fr_ca, author.name_en) == ("Auteur", "Author")
    page = client.get(f"/dashboard/catalogue/product-type/{books.pk}/update/").content.decode()
    assert "Nom en anglais" in page

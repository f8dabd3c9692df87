"""Pictures of the demo products, and the French placeholder of a product without one."""

import io
import re
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from oscar.core.loading import get_model
from PIL import Image

from shop.demo import books, meals, pictures, tools
from shop.demo.loader import demo_load
from tests.factories import product_for

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

BUDGET = 60 * 1024
ALL_PICTURES = (
    [pictures.for_book(book) for book in books.BOOKS]
    + [pictures.for_tool(tool) for tool in tools.TOOLS]
    + [pictures.for_meal(meal) for meal in meals.MEALS]
    + [pictures.for_membership(SimpleNamespace(upc="MEMB-1-F", title="Adhésion famille, un an"))]
)
DEMO_CATALOGUES = len(books.BOOKS) + len(tools.TOOLS) + len(meals.MEALS)
PLACEHOLDER = Path(settings.BASE_DIR) / "shop/static/oscar/img" / settings.OSCAR_MISSING_IMAGE_URL


def opened(content):
    return Image.open(io.BytesIO(content))


class TestTheDrawings:
    def test_the_same_book_gives_the_same_bytes(self):
        book = books.BOOKS[0]
        draw = pictures.book_cover.__wrapped__  # past the in-process cache
        kwargs = {"title": book.title, "author": book.author, "publisher": book.publisher,
                  "shelf": book.category[-1]}
        assert draw(**kwargs) == draw(**kwargs)

    def test_tools_and_meals_are_drawn_the_same_every_time(self):
        tool, meal = tools.TOOLS[0], meals.MEALS[0]
        assert pictures.tool_picture.__wrapped__(
            title=tool.title, code=tool.code, shelf=tool.category[-1]
        ) == pictures.for_tool(tool).content
        assert pictures.meal_picture.__wrapped__(
            meal_plan=meal.meal_plan, fare=meal.fare
        ) == pictures.for_meal(meal).content

    @pytest.mark.parametrize("picture", ALL_PICTURES, ids=lambda picture: picture.filename)
    def test_every_picture_is_a_400_by_600_jpeg_under_the_budget(self, picture):
        image = opened(picture.content)
        assert (image.format, image.size) == ("JPEG", (400, 600))
        assert len(picture.content) < BUDGET

    def test_no_two_products_share_a_picture_or_a_file_name(self):
        assert len({picture.content for picture in ALL_PICTURES}) == len(ALL_PICTURES)
        assert len({picture.filename for picture in ALL_PICTURES}) == len(ALL_PICTURES)

    def test_a_long_title_still_fits_on_its_cover(self):
        """The title shrinks and wraps instead of running off the cover's edges."""
        cover = opened(pictures.book_cover.__wrapped__(
            title="Une histoire beaucoup trop longue pour tenir sur une seule ligne de couverture",
            author="Anne-Marie Beauchemin-Tremblay", publisher="Éditions du Castor roux",
            shelf="Romans",
        ))
        margin = cover.crop((0, 80, 30, 400))  # the left edge, frame included, at title height
        background = pictures.SHELF_COLOURS["Romans"]
        cream = [pixel for pixel in margin.getdata()
                 if sum(abs(a - b) for a, b in zip(pixel, background, strict=True)) > 120]
        # Only the frame's 3 px line is light there, never letters.
        assert len(cream) <= 320 * 5

    def test_captions_say_what_the_picture_shows_in_french(self):
        book = books.BOOKS[0]
        assert pictures.for_book(book).caption == (
            f"Couverture de « {book.title} », de {book.author}")
        assert pictures.for_tool(tools.TOOLS[0]).caption == (
            "Illustration de l'outil « Perceuse-visseuse sans fil 18 V »")
        assert pictures.for_meal(meals.MEALS[0]).caption == (
            "Illustration d'une assiette : Repas régulier")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        call_command("load_demo_rentals", stdout=StringIO())  # memberships sold as products
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestTheDemo:
    def test_every_demo_product_has_one_picture_with_a_french_caption(self, demo):
        products = Product._default_manager.prefetch_related("images")
        assert products.count() > DEMO_CATALOGUES  # books, tools, meals and memberships
        for product in products:
            (image,) = product.images.all()
            assert image.caption.startswith(("Couverture de « ", "Illustration d")), image.caption
            assert product.title in image.caption

    def test_each_picture_file_is_in_the_media_folder(self, demo):
        image = ProductImage._default_manager.get(product__upc=books.BOOKS[3].isbn)
        with image.original.open("rb") as stored:
            assert stored.read() == pictures.for_book(books.BOOKS[3]).content

    def test_loading_again_draws_nothing_new(self, demo):
        summary = demo_load()
        assert "productimage" not in summary.created
        assert "productimage" not in summary.updated
        assert ProductImage._default_manager.count() == Product._default_manager.count()

    def test_a_lost_picture_file_is_drawn_again(self, demo):
        image = ProductImage._default_manager.get(product__upc=tools.TOOLS[0].code)
        image.original.storage.delete(image.original.name)
        summary = demo_load()
        assert summary.updated["productimage"] == 1
        image.refresh_from_db()
        assert image.original.storage.exists(image.original.name)

    def test_the_product_page_gives_the_cover_its_caption_as_text_alternative(self, demo, client):
        book = books.BOOKS[0]
        product = Product._default_manager.get(upc=book.isbn)
        page = client.get(product.get_absolute_url()).content.decode()
        assert f'alt="Couverture de « {book.title} », de {book.author}"'.replace(
            "'", "&#x27;") in page


@pytest.mark.django_db
class TestAProductWithoutPicture:
    @pytest.fixture
    def product(self, sellers):
        return product_for(sellers["bookshop"], title="Carnet de croquis")

    def test_shows_the_placeholder_with_a_french_text_alternative(self, product, client):
        page = client.get(product.get_absolute_url()).content.decode()
        image = re.search(r'<img src="([^"]+)" width="260" height="390" [^>]*'
                          r'alt="Image à venir pour « Carnet de croquis »"', page)
        assert image, re.findall(r"<img[^>]*>", page)
        thumbnail = image.group(1).removeprefix(settings.MEDIA_URL)
        with open(Path(settings.MEDIA_ROOT) / thumbnail, "rb") as served:
            # The 400 x 600 placeholder, shown at 260 x 390: sharp at 1.5 pixels a point.
            assert opened(served.read()).size == (400, 600)

    def test_oscar_links_our_placeholder_into_the_media_folder(self, product):
        missing = product.primary_image()
        assert missing["is_missing"] and missing["original"] == "image-a-venir.jpg"
        linked = Path(settings.MEDIA_ROOT) / missing["original"]
        assert linked.resolve() == PLACEHOLDER.resolve()

    def test_the_placeholder_is_calm_and_small(self):
        placeholder = opened(PLACEHOLDER.read_bytes())
        assert placeholder.size == (400, 600)
        assert PLACEHOLDER.stat().st_size < BUDGET

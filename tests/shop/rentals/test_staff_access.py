"""Who sees what of the rentals: a tool not yet public is its own seller's staff's."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory, seller_staff

from .factories import ToolLibraryFactory, rentable_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_tool(db):
    tool = rentable_product(ToolLibraryFactory(name="Outilthèque A"), title="Scie à venir")
    tool.is_public = False
    tool.save()
    return tool


def availability(client, user, product):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("rentals:product-availability", kwargs={"pk": product.pk}))


class TestTheAvailabilityOfAToolNotYetPublic:
    def test_is_shown_to_its_sellers_staff_and_coordinators(self, client, hidden_tool):
        seller = hidden_tool.rental_units.get().seller
        assert availability(client, seller_staff(seller), hidden_tool).status_code == 200
        assert availability(client, StaffFactory(), hidden_tool).status_code == 200

    def test_is_not_found_for_another_sellers_staff(self, client, hidden_tool):
        """Any seller's staff used to see it: ``may_use_desk`` was enough."""
        other = seller_staff(ToolLibraryFactory(name="Outilthèque B"))
        assert availability(client, other, hidden_tool).status_code == 404

    def test_is_not_found_for_clients_and_visitors(self, client, hidden_tool):
        assert availability(client, None, hidden_tool).status_code == 404
        assert availability(client, UserFactory(), hidden_tool).status_code == 404


class TestTheBookImportOfAnotherBookshop:
    """A post naming another bookshop used to import into the user's own, silently."""

    @pytest.fixture
    def bookshops(self, db):
        from tests.factories import SellerFactory

        return (SellerFactory(name="Librairie A", kind="bookshop"),
                SellerFactory(name="Librairie B", kind="bookshop"))

    def post(self, client, seller_pk):
        from django.core.files.uploadedfile import SimpleUploadedFile

        csv_file = SimpleUploadedFile(
            "livres.csv", b"isbn,titre,auteur,editeur,prix,quantite\n"
                          b"9782764601235,Titre,Auteur,Editeur,10.00,1\n",
            content_type="text/csv")
        return client.post(reverse("rentals:book-import"), {"seller": seller_pk, "file": csv_file})

    def test_is_not_found_and_imports_nothing(self, client, bookshops):
        from oscar.core.loading import get_model

        mine, theirs = bookshops
        client.force_login(seller_staff(mine))
        assert self.post(client, theirs.pk).status_code == 404
        assert self.post(client, "abc").status_code == 404
        assert not get_model("catalogue", "Product").objects.exists()

    def test_into_ones_own_bookshop_still_imports(self, client, bookshops):
        mine, _theirs = bookshops
        client.force_login(seller_staff(mine))
        assert self.post(client, mine.pk).status_code == 200
        assert mine.stockrecords.count() == 1

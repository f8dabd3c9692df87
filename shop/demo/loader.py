"""Write the demo data: ``demo_load`` creates what is missing and corrects what differs.

Every row is found by a stable key (partner code, product UPC, category slug
path, user email or phone), so a second run finds everything in place and
writes nothing. Stock levels are set only when a stock record is created: they
move with orders and a reload must not undo that.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.db import transaction
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from shop.access import PHONE_DESK_GROUP
from shop.accounts.services import COORDINATORS, user_make_coordinator
from shop.taxes import TaxClass

from . import books, english, meals, people, pictures, sellers, tools

Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
User = get_model("accounts", "User")

SITE_DOMAIN = "127.0.0.1:8000"
SITE_NAME = "Comptoir"


@dataclass
class DemoSummary:
    """What a load found and did: products per seller, rows created and updated."""

    products_by_seller: dict = field(default_factory=dict)
    users: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed_anything(self):
        return bool(self.created or self.updated)


def demo_load(*, progress: Callable[[str, int], None] | None = None) -> DemoSummary:
    """Create or correct the whole demo in one transaction; safe to run again.

    ``progress(seller_name, product_count)`` is called as each seller is done.
    """
    summary = DemoSummary()
    with transaction.atomic():
        _ensure_site(summary=summary)
        canada = _ensure_canada(summary=summary)
        for load_catalogue in (_load_bookshop, _load_tool_library, _load_meal_service):
            seller = load_catalogue(country=canada, summary=summary)
            count = StockRecord._default_manager.filter(partner=seller).count()
            summary.products_by_seller[seller.name] = count
            if progress is not None:
                progress(seller.name, count)
        passwords = _DemoPassword()
        for person in people.PEOPLE:
            _ensure_person(person, passwords=passwords, summary=summary)
        summary.users = len(people.PEOPLE)
    Site.objects.clear_cache()
    return summary


# --- The three catalogues ---------------------------------------------------


def _load_bookshop(*, country, summary):
    seller = _ensure_seller(sellers.BOOKSHOP, country=country, summary=summary)
    product_class = _ensure_product_class(
        name=books.PRODUCT_CLASS,
        tax_class=TaxClass.BOOKS,
        track_stock=True,
        requires_shipping=True,
        summary=summary,
    )
    attributes = _ensure_attributes(product_class, books.ATTRIBUTES, summary=summary)
    for index, book in enumerate(books.BOOKS):
        product = _ensure_product(
            upc=book.isbn,
            title=book.title,
            description=book.description,
            product_class=product_class,
            category_path=book.category,
            priority=_featured(index),
            summary=summary,
        )
        _ensure_picture(product, pictures.for_book(book), summary=summary)
        _set_attributes(
            product,
            attributes,
            {"isbn": book.isbn, "author": book.author, "publisher": book.publisher},
            summary=summary,
        )
        _ensure_stock(
            seller=seller,
            product=product,
            sku=book.isbn,
            price=book.price,
            num_in_stock=book.num_in_stock,
            summary=summary,
        )
    return seller


def _load_tool_library(*, country, summary):
    seller = _ensure_seller(sellers.TOOL_LIBRARY, country=country, summary=summary)
    # Tools are picked up and brought back at the tool library: nothing to ship.
    product_class = _ensure_product_class(
        name=tools.PRODUCT_CLASS,
        tax_class=TaxClass.STANDARD,
        track_stock=True,
        requires_shipping=False,
        summary=summary,
    )
    for index, tool in enumerate(tools.TOOLS):
        product = _ensure_product(
            upc=tool.code,
            title=tool.title,
            description=tool.description,
            product_class=product_class,
            category_path=tool.category,
            priority=_featured(index),
            summary=summary,
        )
        _ensure_picture(product, pictures.for_tool(tool), summary=summary)
        _ensure_stock(
            seller=seller,
            product=product,
            sku=tool.code,
            price=tool.price,
            num_in_stock=tool.num_in_stock,
            summary=summary,
        )
    return seller


def _load_meal_service(*, country, summary):
    seller = _ensure_seller(sellers.MEAL_SERVICE, country=country, summary=summary)
    # Meals are cooked to order and delivered to the client's address.
    product_class = _ensure_product_class(
        name=meals.PRODUCT_CLASS,
        tax_class=TaxClass.EXEMPT,
        track_stock=False,
        requires_shipping=True,
        summary=summary,
    )
    attributes = _ensure_attributes(product_class, meals.ATTRIBUTES, summary=summary)
    for index, meal in enumerate(meals.MEALS):
        product = _ensure_product(
            upc=meal.code,
            title=meal.title,
            description=meal.description,
            product_class=product_class,
            category_path=meals.CATEGORY,
            priority=_featured(index),
            summary=summary,
        )
        _ensure_picture(product, pictures.for_meal(meal), summary=summary)
        _set_attributes(
            product, attributes, {"meal_plan": meal.meal_plan, "fare": meal.fare}, summary=summary
        )
        _ensure_stock(
            seller=seller,
            product=product,
            sku=meal.code,
            price=meal.price,
            num_in_stock=None,
            summary=summary,
        )
    return seller


# --- One kind of row each ---------------------------------------------------


def _ensure_site(*, summary):
    return _ensure(
        Site, lookup={"pk": 1}, values={"domain": SITE_DOMAIN, "name": SITE_NAME}, summary=summary
    )


def _ensure_canada(*, summary):
    return _ensure(
        Country,
        lookup={"iso_3166_1_a2": "CA"},
        values={"is_shipping_country": True},
        initial={
            "name": "Canada",
            "printable_name": "Canada",
            "iso_3166_1_a3": "CAN",
            "iso_3166_1_numeric": "124",
        },
        summary=summary,
    )


def _ensure_seller(spec, *, country, summary):
    seller = _ensure(
        Partner,
        lookup={"code": spec.code},
        values={
            "name": spec.name,
            "kind": spec.kind,
            "contact_phone": spec.contact_phone,
            "contact_email": spec.contact_email,
            "gst_number": spec.gst_number,
            "qst_number": spec.qst_number,
            "tax_exempt": spec.tax_exempt,
            "description": spec.description,
            "opening_hours": spec.opening_hours,
        },
        summary=summary,
    )
    _ensure(
        PartnerAddress,
        lookup={"partner": seller},
        values={**spec.address, "country": country},
        summary=summary,
    )
    return seller


def _ensure_product_class(*, name, tax_class, track_stock, requires_shipping, summary):
    return _ensure(
        ProductClass,
        lookup={"slug": slugify(name)},
        values={
            "name": name,
            "name_en": english.name(name),
            "tax_class": tax_class,
            "track_stock": track_stock,
            "requires_shipping": requires_shipping,
        },
        summary=summary,
    )


def _ensure_attributes(product_class, specs, *, summary):
    """The product class's attributes, by code."""
    return {
        code: _ensure(
            ProductAttribute,
            lookup={"product_class": product_class, "code": code},
            values={"name": name, "name_en": english.name(name), "type": type_},
            summary=summary,
        )
        for code, name, type_ in specs
    }


def _ensure_category(path, *, summary):
    """The category at the end of ``path`` (names from the root), found by slug."""
    categories = Category._default_manager
    node = None
    for name in path:
        slug = slugify(name)
        siblings = categories.get_root_nodes() if node is None else categories.get_children(node)
        found = siblings.filter(slug=slug).first()
        if found is None:
            fields = {"name": name, "name_en": english.name(name), "slug": slug}
            if node is None:
                found = categories.add_root(create_kwargs=fields)
            else:
                found = categories.add_child(node, create_kwargs=fields)
            summary.created["category"] += 1
        elif found.name != name or found.name_en != english.name(name):
            found.name = name
            found.name_en = english.name(name)
            found.save()
            summary.updated["category"] += 1
        node = found
    return node


FEATURED_PER_SELLER = 4


def _featured(index):
    """The first products of each seller come first on the home page."""
    return 10 if index < FEATURED_PER_SELLER else 0


def _ensure_product(*, upc, title, description, product_class, category_path, priority, summary):
    product = _ensure(
        Product,
        lookup={"upc": upc},
        values={
            "title": title,
            "slug": slugify(title),
            "description": description,
            "product_class": product_class,
            "structure": Product.STANDALONE,
            "is_public": True,
            "priority": priority,
        },
        summary=summary,
    )
    category = _ensure_category(category_path, summary=summary)
    _ensure(ProductCategory, lookup={"product": product, "category": category}, summary=summary)
    stale, _ = (
        ProductCategory._default_manager.filter(product=product).exclude(category=category).delete()
    )
    if stale:
        summary.updated["productcategory"] += stale
    return product


def demo_picture_ensure(*, product, picture: pictures.Picture) -> DemoSummary:
    """Give ``product`` its demo ``picture`` (for the demo loaders of other apps)."""
    summary = DemoSummary()
    _ensure_picture(product, picture, summary=summary)
    return summary


def _ensure_picture(product, picture, *, summary):
    """The product's demo picture: drawn only when missing, its caption (alt text) kept."""
    image = ProductImage._default_manager.filter(product=product, display_order=0).first()
    if image is None:
        image = ProductImage(product=product, display_order=0, caption=picture.caption)
        image.original.save(picture.filename, ContentFile(picture.content))  # saves the row
        summary.created["productimage"] += 1
    elif image.caption != picture.caption or not image.original.storage.exists(image.original.name):
        image.caption = picture.caption
        image.original.save(picture.filename, ContentFile(picture.content))
        summary.updated["productimage"] += 1
    return image


def _set_attributes(product, attributes, values, *, summary):
    current = {
        value.attribute.code: value.value
        for value in product.attribute_values.select_related("attribute")
    }
    for code, value in values.items():
        if current.get(code) != value:
            attributes[code].save_value(product, value)
            counter = summary.updated if code in current else summary.created
            counter["productattributevalue"] += 1


def _ensure_stock(*, seller, product, sku, price, num_in_stock, summary):
    return _ensure(
        StockRecord,
        lookup={"partner": seller, "partner_sku": sku},
        values={"product": product, "price": price, "price_currency": "CAD"},
        initial={"num_in_stock": num_in_stock},
        summary=summary,
    )


def _ensure_person(person, *, passwords, summary):
    """A demo account; those who can log in get (back) the demo password."""
    lookup = {"email": person.email} if person.email else {"phone": person.phone}
    is_new = not User._default_manager.filter(**lookup).exists()
    user = _ensure(
        User,
        lookup=lookup,
        values={
            "email": person.email,
            "phone": person.phone,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "is_active": True,
            "is_staff": person.is_staff,
            "is_superuser": person.is_superuser,
        },
        initial={"password": None},
        create=User._default_manager.create_user,
        summary=summary,
    )
    if person.can_log_in and passwords.restore(user) and not is_new:
        summary.updated["user"] += 1
    if person.seller_code:
        _link_to_seller(user, seller_code=person.seller_code, summary=summary)
    if person.role == people.Role.COORDINATOR and not user.groups.filter(name=COORDINATORS).exists():
        user_make_coordinator(user=user)
        summary.updated["user"] += 1
    if person.role == people.Role.PHONE_DESK and not user.groups.filter(
            name=PHONE_DESK_GROUP).exists():
        user.groups.add(Group.objects.get(name=PHONE_DESK_GROUP))  # made by a migration
        summary.updated["user"] += 1
    return user


class _DemoPassword:
    """The demo password, hashed once per load.

    Every demo account shares one hash: the password is printed for all to see
    anyway, and one slow hash check per load then covers every account.
    """

    def __init__(self):
        self._encoded = None
        self._known_good = set()

    def restore(self, user):
        """Give ``user`` the demo password unless they have it; True if changed."""
        if user.password in self._known_good:
            return False
        if check_password(people.DEMO_PASSWORD, user.password):
            self._known_good.add(user.password)
            return False
        if self._encoded is None:
            self._encoded = make_password(people.DEMO_PASSWORD)
            self._known_good.add(self._encoded)
        user.password = self._encoded
        user.save(update_fields=["password"])
        return True


def _link_to_seller(user, *, seller_code, summary):
    """Seller staff: Oscar's partner dashboard access, limited to their seller."""
    permission = Permission.objects.get(
        codename="dashboard_access", content_type__app_label="partner"
    )
    if not user.user_permissions.filter(pk=permission.pk).exists():
        user.user_permissions.add(permission)
        summary.created["user_permission"] += 1
    seller = Partner._default_manager.get(code=seller_code)
    if not seller.users.filter(pk=user.pk).exists():
        seller.users.add(user)
        summary.created["partner_user"] += 1


# --- The one upsert ---------------------------------------------------------


def _ensure(model, *, lookup, summary, values=None, initial=None, create=None):
    """The row matching ``lookup``: created if missing, saved only if ``values`` differ.

    ``initial`` applies on creation only; ``create`` replaces ``model(...).save()``
    (for example a manager's ``create_user``).
    """
    values = values or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        fields = {**lookup, **values, **(initial or {})}
        if create is not None:
            obj = create(**fields)
        else:
            obj = model(**fields)
            obj.save()
        summary.created[model._meta.model_name] += 1
        return obj
    changed = [name for name, value in values.items() if not _has_value(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
        summary.updated[model._meta.model_name] += 1
    return obj


def _has_value(obj, name, value):
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        return getattr(obj, model_field.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value

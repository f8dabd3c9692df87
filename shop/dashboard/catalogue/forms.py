"""Dashboard catalogue forms: the rich text of products and categories is
cleaned when saved (shop.richtext); categories and product types get their
English names; the other forms are Oscar's."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F401,F403

from shop.richtext import RichTextFormMixin

RICH_TEXT_HELP = _("Kept: paragraphs, bold, italics, underline, lists, quotations, headings "
                   "and links. Anything else (scripts, styles, images, frames) is removed "
                   "when saved.")


class ProductForm(RichTextFormMixin, oscar_forms.ProductForm):
    """The description and any rich text attribute are cleaned."""

    rich_text_fields = ("description",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.rich_text_fields:
            if name in self.fields:
                self.fields[name].help_text = RICH_TEXT_HELP

    def get_attribute_field(self, attribute):
        if attribute.type == attribute.RICHTEXT:
            self.rich_text_fields = (*self.rich_text_fields, f"attr_{attribute.code}")
        return super().get_attribute_field(attribute)


class CategoryForm(RichTextFormMixin, oscar_forms.CategoryForm):
    """Oscar's, with the English name and description (shop/catalogue/translation.py)."""

    rich_text_fields = ("description", "description_en")

    class Meta(oscar_forms.CategoryForm.Meta):
        fields = [*oscar_forms.CategoryForm.Meta.fields, "name_en", "description_en"]
        labels = {"name_en": _("Name in English"), "description_en": _("Description in English")}


class ProductClassForm(oscar_forms.ProductClassForm):
    """Oscar's, with the product type's English name."""

    class Meta(oscar_forms.ProductClassForm.Meta):
        fields = ["name", "name_en", *oscar_forms.ProductClassForm.Meta.fields[1:]]
        labels = {"name_en": _("Name in English")}


class ProductAttributesForm(oscar_forms.ProductAttributesForm):
    """Oscar's, with the attribute's English name."""

    class Meta(oscar_forms.ProductAttributesForm.Meta):
        fields = ["name", "name_en", *oscar_forms.ProductAttributesForm.Meta.fields[1:]]
        labels = {"name_en": _("Name in English")}

"""Catalogue names shown to clients, in French (the default) and English.

django-modeltranslation adds ``name_fr_ca`` and ``name_en`` (and so on) beside
each field; reading ``category.name`` gives the active language's value, or the
French one when no English one was given.
"""

from modeltranslation.translator import TranslationOptions, register

from shop.catalogue.models import Category, ProductAttribute, ProductClass


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ProductClass)
class ProductClassTranslation(TranslationOptions):
    fields = ("name",)


@register(ProductAttribute)
class ProductAttributeTranslation(TranslationOptions):
    fields = ("name",)

"""The allow-list sanitiser of staff-written rich text (shop.richtext)."""

import pytest
from django.template import Context, Template

from shop.richtext import clean, with_cleaned_fields


class TestTheSanitiser:
    def test_removes_scripts_with_their_content(self):
        assert clean("<p>Roman</p><script>window.__xss = 2</script>") == "<p>Roman</p>"

    def test_removes_event_handlers(self):
        assert clean('<p onclick="steal()">Roman</p><img src=x onerror="window.__xss=1">') == (
            "<p>Roman</p>")

    @pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)",
                                     " javascript:alert(1)", "data:text/html,<script>1</script>",
                                     "vbscript:msgbox(1)"])
    def test_removes_links_that_are_not_web_or_mail(self, url):
        assert clean(f'<a href="{url}">Lire</a>') == (
            '<a rel="noopener noreferrer nofollow">Lire</a>')

    def test_removes_styles_and_style_attributes(self):
        assert clean('<style>body { display: none }</style><p style="color: red">Roman</p>') == (
            "<p>Roman</p>")

    def test_removes_frames_objects_and_forms(self):
        html = ('<iframe src="https://evil.example">x</iframe><object data="x">y</object>'
                '<embed src="x"><form action="https://evil.example"><input name="q"></form>'
                "<p>Roman</p>")
        assert clean(html) == "<p>Roman</p>"

    def test_removes_svg_and_math_with_their_scripts(self):
        assert "script" not in clean("<svg><script>1</script></svg><math><mi>x</mi></math>")

    def test_removes_images_and_top_level_headings_keeping_their_text(self):
        assert clean('<h1>Titre</h1><img src="/media/x.jpg" alt="Couverture">') == "Titre"

    def test_keeps_the_formatting_a_description_needs(self):
        html = ("<h2>Résumé</h2><p>Un <strong>roman</strong> <em>québécois</em>, "
                "<b>gras</b>, <i>italique</i>, <u>souligné</u>.<br>Suite.</p>"
                "<ul><li>un</li></ul><ol><li>deux</li></ol>"
                "<blockquote>Citation</blockquote><h3>Auteur</h3><h4>Éditeur</h4>")
        assert clean(html) == html

    def test_keeps_web_and_mail_links_and_forces_their_rel(self):
        assert clean('<a href="https://editeur.example/livre" title="Éditeur" target="_blank" '
                     'rel="opener">Éditeur</a> <a href="mailto:info@example.org">écrire</a> '
                     '<a href="/catalogue/">catalogue</a>') == (
            '<a href="https://editeur.example/livre" title="Éditeur" '
            'rel="noopener noreferrer nofollow">Éditeur</a> '
            '<a href="mailto:info@example.org" rel="noopener noreferrer nofollow">écrire</a> '
            '<a href="/catalogue/" rel="noopener noreferrer nofollow">catalogue</a>')

    def test_escapes_plain_text(self):
        assert clean("Tintin & Milou < 3") == "Tintin &amp; Milou &lt; 3"

    def test_gives_empty_text_for_nothing(self):
        assert clean(None) == "" and clean("") == ""


class TestTheTemplateFilters:
    def test_rich_text_prints_the_text_cleaned(self):
        html = Template("{% load richtext %}{{ text|rich_text }}").render(
            Context({"text": '<p>Roman</p><img src=x onerror="alert(1)">'}))
        assert html == "<p>Roman</p>"

    def test_with_rich_text_hands_a_cleaned_copy_to_a_template_printing_with_safe(self):
        class Category:
            name = "Romans"
            description = "<p>Romans</p><script>alert(1)</script>"

        category = Category()
        html = Template('{% load richtext %}{% with c=category|with_rich_text:"description" %}'
                        "{{ c.name }}: {{ c.description|safe }}{% endwith %}").render(
            Context({"category": category}))
        assert html == "Romans: <p>Romans</p>"
        assert category.description.endswith("<script>alert(1)</script>")  # left as it is

    def test_with_rich_text_cleans_each_object_of_a_list(self):
        class Offer:
            def __init__(self, description):
                self.description = description

        offers = with_cleaned_fields(Offer("<b>-10 %</b><script>1</script>"), ["description"])
        assert offers.description == "<b>-10 %</b>"
        html = Template('{% load richtext %}{% for o in offers|with_rich_text:"description" %}'
                        "{{ o.description|safe }};{% endfor %}").render(
            Context({"offers": [Offer("<em>a</em><script>1</script>"), Offer("b")]}))
        assert html == "<em>a</em>;b;"

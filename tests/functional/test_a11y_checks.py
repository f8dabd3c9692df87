"""The journeys' accessibility checks catch what they are meant to, and say where.

Small pages written here, in the same headless Chromium: no server needed.
"""

import pytest

from tests.functional.a11y import at_200_percent, audit, browser_context, needs_chromium, new_page

pytestmark = needs_chromium

Failed = pytest.fail.Exception


@pytest.fixture(scope="module")
def page():
    with browser_context("http://127.0.0.1:9") as context:
        yield new_page(context)


def show(page, body, *, head=""):
    page.set_content(f'<!DOCTYPE html><html lang="fr"><head><title>Essai</title>{head}</head>'
                     f"<body><main><h1>Essai</h1>{body}</main></body></html>")


class TestTheAudit:
    def test_passes_a_page_with_nothing_serious(self, page):
        show(page, '<p>Bonjour</p><img src="data:," alt="Logo"><button>Envoyer</button>')
        audit(page, "clean sample")

    def test_lists_each_serious_rule_with_its_impact_and_elements(self, page):
        show(page, '<img id="logo" src="data:,"><p id="pale" style="color:#bbb">Pâle</p>'
                   '<select id="day"><option>Lundi</option></select>')
        with pytest.raises(Failed) as failure:
            audit(page, "faulty sample")
        report = str(failure.value)
        assert "Accessibility of faulty sample" in report
        assert "- image-alt (critical)" in report and "#logo" in report
        assert "- color-contrast (serious)" in report and "#pale" in report
        assert "- select-name (critical)" in report and "#day" in report

    def test_a_moderate_finding_alone_does_not_fail(self, page):
        page.set_content('<!DOCTYPE html><html lang="fr" xml:lang="en"><head><title>Essai</title>'
                         "</head><body><main><h1>Essai</h1></main></body></html>")
        audit(page, "moderate sample")
        found = page.evaluate("axe.run().then(r => r.violations.map(v => [v.id, v.impact]))")
        assert found == [["html-xml-lang-mismatch", "moderate"]]

    def test_an_excluded_element_is_left_out_and_no_other(self, page):
        show(page, '<img id="theirs" src="data:,"><img id="ours" src="data:,">')
        audit(page, "excluded sample", exclude=("#theirs", "#ours"))
        with pytest.raises(Failed) as failure:
            audit(page, "excluded sample", exclude=("#theirs",))
        assert "#ours" in str(failure.value) and "#theirs" not in str(failure.value)


class TestAt200Percent:
    def test_a_page_that_reflows_with_its_button_passes(self, page):
        show(page, '<p>Un long paragraphe qui passe à la ligne sans peine.</p>'
                   '<button id="go">Ajouter au panier</button>')
        at_200_percent(page, "reflowing sample", "#go")
        assert page.viewport_size == {"width": 1280, "height": 1000}

    def test_content_wider_than_the_window_fails_naming_it(self, page):
        show(page, '<div id="wide" style="width:600px">Large</div><button id="go">OK</button>')
        with pytest.raises(Failed) as failure:
            at_200_percent(page, "wide sample", "#go")
        assert "scrolls sideways" in str(failure.value) and "div#wide" in str(failure.value)
        assert page.viewport_size == {"width": 1280, "height": 1000}

    def test_a_button_under_something_else_fails(self, page):
        show(page, '<button id="go">Payer</button>'
                   '<div style="position:fixed;inset:0;background:#fff">Bannière</div>')
        with pytest.raises(Exception, match="intercepts pointer events|Timeout"):
            at_200_percent(page, "covered sample", "#go")

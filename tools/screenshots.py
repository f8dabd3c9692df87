"""``make screenshots``: PNGs of the demo's main pages, in French, at 1280 px and 375 px wide.

Serves the demo from a temporary folder (``tools.demo_server``), then with
Playwright and the machine's Chromium visits, as a visitor: the home page, a
seller's page (skipped while it does not exist), the catalogue, a book, a tool,
the meal registration and the "near me" page; then signed in as a demo client
(``manage.py demo_logins``): the account, the basket with a book, each checkout
step and the confirmation. Files go to $SCREENSHOTS_DIR (default
/tmp/comptoir-screenshots), named ``<width>-<nn>-<page>.png``; the list is printed.
A page that cannot be reached is reported and skipped; the others are still taken.
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.demo_server import demo_server  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]
WIDTHS = {1280: 900, 375: 812}  # width -> window height
CLIENT_EMAIL = "lea.tremblay@example.org"
CHECKOUT_STEPS = 6
STEP_BUTTONS = (  # the button that moves each checkout step on, first found wins
    "#place-order",
    "#payment-method-form button[type=submit]",
    "form:has(input[name=method_code][value=pickup]) button",
    "form[id^=select_shipping_address] button.ship-address",
    "#new_shipping_address button[type=submit]",
)
NEW_ADDRESS = {
    "#id_first_name": "Léa", "#id_last_name": "Tremblay", "#id_line1": "2500, rue Ontario Est",
    "#id_line4": "Montréal", "#id_postcode": "H2K 1W9", "#id_phone_number": "514 555-0151",
}


def output_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or "/tmp/comptoir-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Camera:
    """Takes numbered full-page shots of one browser page, at one width."""

    def __init__(self, page, *, base_url, width, folder):
        self.page, self.base_url, self.width, self.folder = page, base_url, width, folder
        self.taken, self.count = [], 0

    def shoot(self, name):
        self.page.wait_for_load_state("networkidle")
        self.count += 1
        path = self.folder / f"{self.width}-{self.count:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        self.taken.append(path)

    def visit(self, name, path):
        if path is None:
            return skipped(name, "no such URL yet")
        response = self.page.goto(self.base_url + path)
        if response is None or response.status >= 400:
            return skipped(name, f"HTTP {response.status if response else '?'}")
        self.shoot(name)


def skipped(name, reason):
    print(f"  skipped {name}: {reason}", flush=True)


def sign_in(page, base_url, password):
    page.goto(base_url + "/accounts/login/")
    page.fill("#id_login-username", CLIENT_EMAIL)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def checkout(camera):
    page = camera.page
    page.goto(camera.base_url + "/checkout/")
    for step in range(1, CHECKOUT_STEPS + 1):
        if "/checkout/" not in page.url or "thank-you" in page.url:
            break
        name = page.url.rstrip("/").rsplit("/", 1)[-1] or "checkout"
        if page.locator("#id_line1").count() and not page.input_value("#id_line1"):
            for selector, value in NEW_ADDRESS.items():
                if page.locator(selector).count():
                    page.fill(selector, value)
        camera.shoot(f"commande-{step}-{name}")
        button = next((selector for selector in STEP_BUTTONS
                       if page.locator(selector).count()), None)
        if button is None:
            return skipped("the next checkout step", f"no button to go on from {page.url}")
        page.locator(button).first.click()
        page.wait_for_load_state()
    camera.shoot("confirmation")


def shoot_width(browser, site, *, width, height, folder, pages, password):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-CA",
                                  extra_http_headers={"Accept-Language": "fr-CA,fr;q=0.9"})
    camera = Camera(context.new_page(), base_url=site.base_url, width=width, folder=folder)
    for name in ("accueil", "vendeur", "catalogue", "livre", "outil", "inscription-repas",
                 "pres-de-chez-moi"):
        camera.visit(name, pages[name])
    sign_in(camera.page, site.base_url, password)
    camera.visit("compte", "/accounts/")
    camera.page.goto(site.base_url + pages["livre"])
    camera.page.click("#add_to_basket_form button[type=submit]")
    camera.page.wait_for_load_state()
    camera.visit("panier", pages["panier"])
    try:
        checkout(camera)
    except Exception as error:  # a step that changed: keep what was taken
        skipped("the rest of the checkout", error)
    context.close()
    return camera.taken


def main():
    from playwright.sync_api import sync_playwright

    folder = output_dir()
    for old in folder.glob("*.png"):
        old.unlink()
    taken = []
    with tempfile.TemporaryDirectory(prefix="comptoir-screenshots-") as workdir, \
            demo_server(workdir=Path(workdir), production_like=False) as site:
        site.use_its_database()
        from shop.demo.people import DEMO_PASSWORD
        from tools.demo_pages import main_pages

        pages = main_pages()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width, height in WIDTHS.items():
                print(f"{width} px…", flush=True)
                taken += shoot_width(browser, site, width=width, height=height, folder=folder,
                                     pages=pages, password=DEMO_PASSWORD)
            browser.close()
    print(f"\n{len(taken)} screenshots in {folder}:")
    for path in taken:
        print(f"  {path}")
    return 0 if taken else 1


if __name__ == "__main__":
    sys.exit(main())

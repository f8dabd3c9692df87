"""What every browser journey checks on the pages it visits.

``audit(page, name)`` runs axe-core (shipped by axe-playwright-python) against
WCAG 2.2 AA and fails the test on any serious or critical finding, listing each
rule, its impact and the selectors of the elements at fault.

``at_200_percent(page, *buttons)`` looks at the page as it shows in a 640 px
wide window zoomed to 200 %: the main content does not scroll sideways and the
given buttons can be seen and clicked.

``browser_context(live_server.url)`` opens the machine's own Chromium (headless);
``keep_screenshot(page, name)`` keeps a picture of a page with the other test
artifacts (TEST_ARTIFACTS_DIR, else a folder in the temporary directory).
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.utils.text import slugify

# CI always runs the journeys: there, a missing browser or package is an error.
IN_CI = bool(os.environ.get("CI"))
try:
    from axe_playwright_python.base import AXE_SCRIPT
    from playwright import sync_api as playwright_api
    from playwright.sync_api import expect  # noqa: F401 - for the journeys
except ImportError:
    if IN_CI:
        raise
    pytest.skip("Playwright or axe-playwright-python is not installed", allow_module_level=True)

CHROMIUM = (shutil.which("chromium") or shutil.which("chromium-browser")
            or shutil.which("google-chrome"))
SCREENSHOTS = Path(os.environ.get("TEST_ARTIFACTS_DIR",
                                  Path(tempfile.gettempdir()) / "comptoir-artifacts"))
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
SHOWN_NODES = 10  # elements listed for each rule broken

DESKTOP_VIEWPORT = {"width": 1280, "height": 1000}
# A 640 px wide window zoomed to 200 % lays pages out in 320 CSS pixels (what
# WCAG's reflow criterion asks), each drawn with two device pixels: the context's
# device scale factor is 2, so the zoomed screenshots are what that window shows.
ZOOMED_VIEWPORT = {"width": 320, "height": 450}

# Marks a test that drives the browser: skipped without Chromium (except in CI,
# tests/functional/conftest.py), left out with ``-m "not browser"``.
needs_chromium = pytest.mark.browser


@contextlib.contextmanager
def browser_context(base_url: str, *, logged_in=None):
    """A French-speaking headless Chromium, with the session of the test client ``logged_in``.

    Requests to other hosts than ``base_url`` (Stripe.js, jQuery's CDN…) are
    refused unless a test routes them: the journeys never leave the machine.
    """
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking"])
        context = browser.new_context(locale="fr-CA", viewport=DESKTOP_VIEWPORT,
                                      device_scale_factor=2)
        context.route(lambda url: not url.startswith(base_url),
                      lambda route: route.abort("blockedbyclient"))
        if logged_in is not None:
            context.add_cookies([{"name": "sessionid",
                                  "value": logged_in.cookies["sessionid"].value,
                                  "url": base_url}])
        try:
            yield context
        finally:
            browser.close()


def new_page(context):
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def audit(page, name: str, *, exclude: tuple[str, ...] = ()) -> None:
    """Fail with a readable list when axe finds a serious or critical WCAG 2.2 AA violation.

    ``exclude`` leaves out elements (CSS selectors) of this page only, for markup
    we cannot change (say why where it is used); never a whole rule. The page is
    audited once it has loaded, stylesheets included: colours are only right then.
    """
    page.wait_for_load_state("load")
    page.evaluate(AXE_SCRIPT)
    context = {"exclude": [[selector] for selector in exclude]}
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA},
               "resultTypes": ["violations"]}
    results = page.evaluate("([context, options]) => axe.run(context.exclude.length ? "
                            "context : document, options)", [context, options])
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    if blocking:
        keep_screenshot(page, f"a11y-{name}")
        pytest.fail(f"Accessibility of {name} ({page.url}):\n{violations_report(blocking)}",
                    pytrace=False)


def violations_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:SHOWN_NODES]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").strip().splitlines()
            lines.append(f"    {target}: {summary[-1].strip() if summary else node['html']}")
        if len(violation["nodes"]) > SHOWN_NODES:
            lines.append(f"    … and {len(violation['nodes']) - SHOWN_NODES} more elements")
    return "\n".join(lines)


def at_200_percent(page, name: str, *buttons: str) -> None:
    """At 200 % zoom in a 640 px window, no sideways scrolling and ``buttons`` usable.

    ``buttons`` are Playwright selectors of the page's main buttons; each must be
    visible, inside the window once scrolled to, and the topmost element where a
    click would land (what ``click(trial=True)`` checks).
    """
    page.wait_for_load_state("load")
    desktop = page.viewport_size
    page.set_viewport_size(ZOOMED_VIEWPORT)
    try:
        overflow = page.evaluate(WIDER_THAN_THE_WINDOW)
        if overflow["scrollWidth"] > overflow["clientWidth"]:
            keep_screenshot(page, f"zoom-{name}", full_page=False)
            found = ("no element sticks out, the farthest right are"
                     if overflow["lastResort"] else "too wide")
            pytest.fail(
                f"{name} scrolls sideways at 200 % ({overflow['scrollWidth']} px of content "
                f"in {overflow['clientWidth']} px); {found}: {'; '.join(overflow['culprits'])}",
                pytrace=False)
        for selector in buttons:
            button = page.locator(selector)
            button.scroll_into_view_if_needed()
            box = button.bounding_box()
            assert button.is_visible() and box is not None, f"{selector} is hidden at 200 % on {name}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= ZOOMED_VIEWPORT["width"], (
                f"{selector} is cut off at 200 % on {name}: {box}")
            button.click(trial=True, timeout=3000)
        keep_screenshot(page, f"zoom-{name}", full_page=False)
    finally:
        page.set_viewport_size(desktop)


# The page's width against the window's, and who makes it wider. Edges are
# compared exactly, fractions of a pixel included: a box ending at 320.98 px
# makes a 321 px wide page, so any tolerance lets a 1 px overflow name nobody.
# The first of these lists that names someone is given:
# 1. the deepest elements sticking out of the window, right or left (margins
#    included where they widen the page: a flex or grid item's, an inline
#    block's), each with the outermost of it and its ancestors that is wider
#    than the room its parent gives it, which is usually the one to fix;
# 2. elements whose own content (text, ::before/::after…) is wider than them
#    and reaches past the window, though their box does not;
# 3. as a last resort, the elements reaching farthest right, with their edges,
#    so that a failure always says where to look.
WIDER_THAN_THE_WINDOW = """() => {
    const root = document.scrollingElement;
    const width = root.clientWidth;
    const style = (el) => getComputedStyle(el);
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className.trim()
           ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const shown = (el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 || box.height > 0;
    };
    const elements = [...document.querySelectorAll("body *")].filter(shown);
    // What a scrolling or clipping box holds never widens the page (that box may).
    const clipped = (el) => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (style(up).overflowX !== "visible") return true;
        }
        return false;
    };
    // A block's right margin is only what its parent has left, but a flex or
    // grid item's margins, or an inline block's, take room of their own.
    const edges = (el) => {
        const box = el.getBoundingClientRect();
        const parent = el.parentElement ? style(el.parentElement).display : "";
        if (!/flex|grid/.test(parent) && !style(el).display.startsWith("inline")) return box;
        return {left: box.left - Math.max(0, parseFloat(style(el).marginLeft) || 0),
                right: box.right + Math.max(0, parseFloat(style(el).marginRight) || 0)};
    };
    const out = (el) => {
        if (style(el).position === "fixed" || clipped(el)) return false;  // never scrolls the page
        const box = edges(el);
        return box.right > width || box.left < 0;
    };
    const px = (value) => Math.round(value * 100) / 100;
    const where = (el) => {
        const box = el.getBoundingClientRect();
        return name(el) + " (" + px(box.left) + " to " + px(box.right) + " px)";
    };
    // The outermost of el and its ancestors wider than its parent's content box.
    const breakingOut = (el) => {
        let found = null;
        for (let node = el; node.parentElement && node !== document.body; node = node.parentElement) {
            const parent = node.parentElement, room = parent.getBoundingClientRect();
            const inner = room.right - parseFloat(style(parent).paddingRight)
                - parseFloat(style(parent).borderRightWidth);
            if (node.getBoundingClientRect().right > inner) found = [node, parent, inner];
        }
        if (!found) return "";
        const [node, parent, inner] = found;
        const innerWidth = inner - parent.getBoundingClientRect().left
            - parseFloat(style(parent).paddingLeft) - parseFloat(style(parent).borderLeftWidth);
        return ", in " + name(node) + ", " + px(node.getBoundingClientRect().width)
            + " px wide where " + name(parent) + " gives " + px(innerWidth) + " px";
    };
    let lastResort = false;
    let culprits = elements.filter((el) => out(el) && ![...el.children].some(
        (child) => shown(child) && out(child))).map((el) => where(el) + breakingOut(el));
    if (!culprits.length) culprits = elements.filter((el) => !clipped(el)
        && el.scrollWidth > el.clientWidth
        && el.getBoundingClientRect().left + el.scrollWidth > width
    ).reverse().map((el) => where(el) + ", holding " + el.scrollWidth + " px of content in "
                    + el.clientWidth + " px");  // the deepest first
    if (!culprits.length) {
        lastResort = true;
        culprits = elements.sort((a, b) => b.getBoundingClientRect().right
                                 - a.getBoundingClientRect().right).slice(0, 5).map(where);
    }
    // Alike lines (a table's cells…) once, with how many there are.
    const counts = new Map();
    culprits.forEach((line) => counts.set(line, (counts.get(line) || 0) + 1));
    const lines = [...counts].map(([line, n]) => n > 1 ? n + " × " + line : line);
    return {scrollWidth: root.scrollWidth, clientWidth: width, lastResort: lastResort,
            culprits: lines.slice(0, 8)};
}"""


def keep_screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Keep a picture of ``page`` as ``name``.png; one CSS pixel a pixel on the desktop."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{slugify(name)}.png"
    zoomed = page.viewport_size == ZOOMED_VIEWPORT
    page.screenshot(path=str(path), full_page=full_page, scale="device" if zoomed else "css")
    return path

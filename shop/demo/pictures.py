"""Pictures of the demo products, drawn with Pillow: book covers, tool pictograms, meal plates.

The same product always gives the same bytes (no randomness, no date, no
metadata), so a reload finds nothing to change. The fonts are DejaVu, shipped
in ``fonts/`` with their licence: a fresh machine may have no system fonts.
Each picture is a 400 x 600 JPEG of a few dozen kilobytes; its caption,
written in French like the rest of the demo, is the picture's text alternative.
"""

import hashlib
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = WIDTH, HEIGHT = (400, 600)
JPEG_QUALITY = 80
FONTS = Path(__file__).resolve().parent / "fonts"
BOLD = "DejaVuSerif-Bold.ttf"
REGULAR = "DejaVuSerif.ttf"

CREAM = (251, 243, 228)
PAPER = (246, 238, 224)
INK = (62, 45, 36)
SOFT_INK = (112, 92, 78)

# One colour per shelf (the last name of the category path), muted and warm.
SHELF_COLOURS = {
    "Romans": (128, 55, 42),
    "Jeunesse": (176, 102, 34),
    "Essais": (38, 84, 90),
    "Bandes dessinées": (92, 64, 122),
    "Électroportatifs": (38, 84, 90),
    "Jardinage": (84, 104, 52),
    "Échelles et échafaudages": (160, 96, 32),
    "Nettoyage et entretien": (58, 82, 112),
    "Mesure et traçage": (128, 55, 42),
}
DEFAULT_COLOUR = (96, 78, 64)


@dataclass(frozen=True)
class Picture:
    """A product picture: its file name, caption (the alt text) and bytes, drawn on demand."""

    filename: str
    caption: str
    draw: Callable[[], bytes] = field(repr=False, compare=False)

    @property
    def content(self) -> bytes:
        return self.draw()


def for_book(book) -> Picture:
    """The cover of a ``shop.demo.books.Book``: title, author and publisher on its shelf's colour."""
    shelf = book.category[-1]
    return Picture(
        filename=f"couverture-{book.isbn}.jpg",
        caption=f"Couverture de « {book.title} », de {book.author}",
        draw=lambda: book_cover(
            title=book.title, author=book.author, publisher=book.publisher, shelf=shelf
        ),
    )


def for_tool(tool) -> Picture:
    """A pictogram of a ``shop.demo.tools.Tool``'s kind of tool, with its name."""
    return Picture(
        filename=f"outil-{tool.code.lower()}.jpg",
        caption=f"Illustration de l'outil « {tool.title} »",
        draw=lambda: tool_picture(title=tool.title, code=tool.code, shelf=tool.category[-1]),
    )


def for_meal(meal) -> Picture:
    """A plate for a ``shop.demo.meals.Meal``, with its plan and fare."""
    return Picture(
        filename=f"repas-{meal.code.lower()}.jpg",
        caption=f"Illustration d'une assiette : {meal.title}",
        draw=lambda: meal_picture(meal_plan=meal.meal_plan, fare=meal.fare),
    )


def for_membership(product) -> Picture:
    """A member's card for a membership sold as a product (``shop.rentals``), with its title."""
    return Picture(
        filename=f"abonnement-{product.upc.lower()}.jpg",
        caption=f"Illustration d'une carte de membre : {product.title}",
        draw=lambda: membership_picture(title=product.title),
    )


# --- The kinds of picture ---------------------------------------------------


@lru_cache(maxsize=256)
def book_cover(*, title: str, author: str, publisher: str, shelf: str) -> bytes:
    colour = SHELF_COLOURS.get(shelf, DEFAULT_COLOUR)
    image, draw = _canvas(colour)
    draw.rectangle((18, 18, WIDTH - 19, HEIGHT - 19), outline=CREAM, width=3)
    _emblem(draw, seed=title, colour=_mix(colour, CREAM, 0.25))
    bottom = _text_block(draw, title, top=92, font=BOLD, sizes=(40, 36, 32, 28, 24),
                         max_lines=4, fill=CREAM)
    draw.line((WIDTH / 2 - 40, bottom + 22, WIDTH / 2 + 40, bottom + 22), fill=CREAM, width=2)
    _text_block(draw, author, top=bottom + 44, font=REGULAR, sizes=(24, 21, 18), max_lines=2,
                fill=_mix(CREAM, colour, 0.1))
    _text_block(draw, publisher, top=HEIGHT - 72, font=REGULAR, sizes=(17, 15), max_lines=1,
                fill=_mix(CREAM, colour, 0.25))
    return _jpeg(image)


@lru_cache(maxsize=256)
def tool_picture(*, title: str, code: str, shelf: str) -> bytes:
    colour = SHELF_COLOURS.get(shelf, DEFAULT_COLOUR)
    image, draw = _canvas(PAPER)
    draw.rounded_rectangle((60, 56, 340, 336), radius=36, fill=colour)
    ICONS[_tool_kind(title)](draw, ox=80, oy=76, ink=CREAM, ground=colour)
    _text_block(draw, title, top=372, font=BOLD, sizes=(30, 27, 24, 21), max_lines=4, fill=INK)
    _text_block(draw, code, top=HEIGHT - 58, font=REGULAR, sizes=(17,), max_lines=1,
                fill=SOFT_INK)
    return _jpeg(image)


# The meal's colour on the plate, by plan.
PLAN_COLOURS = {
    "Repas régulier": (176, 102, 34),
    "Repas diabétique": (128, 55, 42),
    "Repas à texture adaptée": (196, 150, 70),
    "Repas végétarien": (84, 104, 52),
}


@lru_cache(maxsize=64)
def meal_picture(*, meal_plan: str, fare: str) -> bytes:
    colour = PLAN_COLOURS.get(meal_plan, DEFAULT_COLOUR)
    image, draw = _canvas(PAPER)
    _plate(draw, cx=200, cy=212, colour=colour)
    bottom = _text_block(draw, meal_plan, top=372, font=BOLD, sizes=(32, 28, 24), max_lines=3,
                         fill=INK)
    _text_block(draw, fare, top=bottom + 18, font=REGULAR, sizes=(22, 19), max_lines=2,
                fill=colour)
    return _jpeg(image)


@lru_cache(maxsize=16)
def membership_picture(*, title: str) -> bytes:
    colour = SHELF_COLOURS["Électroportatifs"]
    image, draw = _canvas(PAPER)
    draw.rounded_rectangle((50, 110, 350, 300), radius=22, fill=colour)
    draw.rectangle((50, 150, 350, 178), fill=_mix(colour, INK, 0.4))
    draw.ellipse((78, 200, 148, 270), fill=CREAM)
    for y, length in ((212, 150), (236, 120), (260, 90)):
        draw.rounded_rectangle((170, y, 170 + length, y + 10), radius=5, fill=CREAM)
    _text_block(draw, title, top=352, font=BOLD, sizes=(28, 25, 22), max_lines=5, fill=INK)
    return _jpeg(image)


@lru_cache(maxsize=4)
def placeholder(*, text: str = "Image à venir") -> bytes:
    """The picture shown for a product that has none: a calm frame and ``text``."""
    image, draw = _canvas(PAPER)
    frame = _mix(PAPER, SOFT_INK, 0.35)
    draw.rounded_rectangle((40, 40, WIDTH - 41, HEIGHT - 41), radius=28, outline=frame, width=3)
    # A framed landscape: a sun and two hills.
    draw.rounded_rectangle((120, 170, 280, 290), radius=12, outline=SOFT_INK, width=6)
    draw.ellipse((232, 190, 260, 218), outline=SOFT_INK, width=5)
    draw.line(((132, 278), (180, 226), (214, 262), (236, 242), (268, 278)), fill=SOFT_INK,
              width=6, joint="curve")
    _text_block(draw, text, top=336, font=BOLD, sizes=(30, 26), max_lines=2, fill=INK)
    return _jpeg(image)


# --- Drawing helpers --------------------------------------------------------


def _canvas(colour):
    image = Image.new("RGB", SIZE, colour)
    return image, ImageDraw.Draw(image)


def _jpeg(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


@lru_cache(maxsize=32)
def _font(name, size):
    return ImageFont.truetype(str(FONTS / name), size)


def _mix(colour, other, share):
    """``colour`` moved ``share`` (0 to 1) of the way towards ``other``."""
    return tuple(round(a + (b - a) * share) for a, b in zip(colour, other, strict=True))


def _wrap(text, font, width):
    """``text`` in lines no wider than ``width`` (a word longer than that keeps its own line)."""
    lines = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _text_block(draw, text, *, top, font, sizes, max_lines, fill, width=WIDTH - 80):
    """``text`` centred from ``top``, at the largest of ``sizes`` that fits; returns its bottom."""
    for size in sizes:
        face = _font(font, size)
        lines = _wrap(text, face, width)
        if len(lines) <= max_lines and all(face.getlength(line) <= width for line in lines):
            break
    line_height = round(size * 1.25)
    for number, line in enumerate(lines):
        draw.text((WIDTH / 2, top + number * line_height), line, font=face, fill=fill, anchor="mt")
    return top + len(lines) * line_height


def _emblem(draw, *, seed, colour):
    """A quiet motif at the foot of a cover, its shape picked from the title."""
    choice = hashlib.sha256(seed.encode()).digest()[0] % 3
    cx, cy = WIDTH / 2, HEIGHT - 170
    if choice == 0:  # rising sun
        for radius in (70, 52, 34):
            draw.arc((cx - radius, cy - radius, cx + radius, cy + radius), 180, 360,
                     fill=colour, width=4)
        draw.line((cx - 110, cy, cx + 110, cy), fill=colour, width=4)
    elif choice == 1:  # three waves
        for row in range(3):
            y = cy - 30 + row * 26
            points = [(cx - 100 + step * 10, y + 8 * math.sin(step * math.pi / 5))
                      for step in range(21)]
            draw.line(points, fill=colour, width=4, joint="curve")
    else:  # a diamond in a circle
        draw.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), outline=colour, width=4)
        draw.polygon(((cx, cy - 42), (cx + 42, cy), (cx, cy + 42), (cx - 42, cy)),
                     outline=colour, width=4)


def _plate(draw, *, cx, cy, colour):
    draw.ellipse((cx - 150, cy - 150, cx + 150, cy + 150), fill=CREAM, outline=SOFT_INK, width=4)
    draw.ellipse((cx - 110, cy - 110, cx + 110, cy + 110), outline=_mix(CREAM, SOFT_INK, 0.3),
                 width=3)
    draw.ellipse((cx - 80, cy - 70, cx + 20, cy + 30), fill=colour)
    draw.ellipse((cx - 10, cy - 60, cx + 70, cy + 20), fill=_mix(colour, CREAM, 0.45))
    draw.ellipse((cx - 50, cy + 10, cx + 60, cy + 75), fill=(84, 104, 52))
    for offset in (-40, 0, 40):  # steam
        x = cx + offset
        points = [(x + 8 * math.sin(step * math.pi / 4), cy - 158 - step * 5) for step in range(9)]
        draw.line(points, fill=SOFT_INK, width=4, joint="curve")


# --- Tool pictograms (each drawn in a 240 x 240 box at ox, oy) --------------


def _drill(draw, *, ox, oy, ink, ground):
    draw.rounded_rectangle((ox + 30, oy + 60, ox + 170, oy + 115), radius=18, fill=ink)
    draw.rectangle((ox + 170, oy + 74, ox + 198, oy + 101), fill=ink)
    draw.line((ox + 198, oy + 88, ox + 232, oy + 88), fill=ink, width=7)
    draw.polygon(((ox + 70, oy + 110), (ox + 120, oy + 110), (ox + 105, oy + 190),
                  (ox + 60, oy + 190)), fill=ink)
    draw.rounded_rectangle((ox + 40, oy + 188, ox + 130, oy + 222), radius=8, fill=ink)


def _blade(draw, *, ox, oy, ink, ground):
    cx, cy = ox + 120, oy + 120
    teeth = []
    for step in range(48):
        angle = step * math.pi / 24
        radius = 100 if step % 2 == 0 else 84
        teeth.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(teeth, fill=ink)
    draw.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), outline=ground, width=5)
    draw.ellipse((cx - 16, cy - 16, cx + 16, cy + 16), fill=ground)


def _sander(draw, *, ox, oy, ink, ground):
    draw.rounded_rectangle((ox + 20, oy + 150, ox + 220, oy + 196), radius=14, fill=ink)
    draw.rounded_rectangle((ox + 55, oy + 82, ox + 185, oy + 150), radius=30, fill=ink)
    draw.ellipse((ox + 96, oy + 30, ox + 144, oy + 78), fill=ink)
    draw.line((ox + 30, oy + 214, ox + 210, oy + 214), fill=ink, width=5)


def _mower(draw, *, ox, oy, ink, ground):
    draw.rounded_rectangle((ox + 20, oy + 120, ox + 170, oy + 172), radius=16, fill=ink)
    for x in (ox + 50, ox + 140):
        draw.ellipse((x - 26, oy + 160, x + 26, oy + 212), fill=ink, outline=ground, width=6)
    draw.line((ox + 150, oy + 124, ox + 206, oy + 30), fill=ink, width=12)
    draw.line((ox + 190, oy + 30, ox + 236, oy + 30), fill=ink, width=12)


def _shears(draw, *, ox, oy, ink, ground):
    draw.line((ox + 60, oy + 20, ox + 150, oy + 160), fill=ink, width=16)
    draw.line((ox + 180, oy + 20, ox + 90, oy + 160), fill=ink, width=16)
    draw.ellipse((ox + 60, oy + 150, ox + 120, oy + 222), outline=ink, width=12)
    draw.ellipse((ox + 120, oy + 150, ox + 180, oy + 222), outline=ink, width=12)
    draw.ellipse((ox + 112, oy + 92, ox + 128, oy + 108), fill=ground)


def _wheelbarrow(draw, *, ox, oy, ink, ground):
    draw.polygon(((ox + 20, oy + 70), (ox + 200, oy + 70), (ox + 170, oy + 140),
                  (ox + 60, oy + 140)), fill=ink)
    draw.ellipse((ox + 20, oy + 140, ox + 80, oy + 200), fill=ink, outline=ground, width=8)
    draw.line((ox + 150, oy + 140, ox + 230, oy + 190), fill=ink, width=10)
    draw.line((ox + 160, oy + 140, ox + 160, oy + 210), fill=ink, width=10)


def _auger(draw, *, ox, oy, ink, ground):
    draw.line((ox + 50, oy + 30, ox + 190, oy + 30), fill=ink, width=14)
    draw.line((ox + 120, oy + 30, ox + 120, oy + 226), fill=ink, width=10)
    for step in range(5):
        y = oy + 110 + step * 24
        draw.line((ox + 84, y, ox + 156, y + 14), fill=ink, width=9)


def _spray(draw, *, ox, oy, ink, ground):
    draw.line((ox + 30, oy + 200, ox + 170, oy + 70), fill=ink, width=14)
    draw.rounded_rectangle((ox + 40, oy + 150, ox + 90, oy + 226), radius=10, fill=ink)
    for x, y in ((196, 40), (214, 72), (184, 84), (226, 32)):
        draw.ellipse((ox + x - 9, oy + y - 9, ox + x + 9, oy + y + 9), fill=ink)


def _vacuum(draw, *, ox, oy, ink, ground):
    draw.rounded_rectangle((ox + 30, oy + 90, ox + 140, oy + 206), radius=24, fill=ink)
    draw.ellipse((ox + 24, oy + 72, ox + 146, oy + 112), fill=ink, outline=ground, width=5)
    draw.arc((ox + 100, oy + 40, ox + 220, oy + 160), 200, 330, fill=ink, width=12)
    draw.line((ox + 205, oy + 62, ox + 232, oy + 200), fill=ink, width=10)
    draw.line((ox + 210, oy + 204, ox + 240, oy + 204), fill=ink, width=10)
    for x in (ox + 50, ox + 120):
        draw.ellipse((x - 14, oy + 200, x + 14, oy + 228), fill=ink)


def _ladder(draw, *, ox, oy, ink, ground):
    draw.line((ox + 80, oy + 10, ox + 54, oy + 230), fill=ink, width=14)
    draw.line((ox + 160, oy + 10, ox + 186, oy + 230), fill=ink, width=14)
    for step in range(1, 6):
        y = oy + 10 + step * 37
        spread = 26 * (y - oy - 10) / 220
        draw.line((ox + 80 - spread, y, ox + 160 + spread, y), fill=ink, width=10)


def _level(draw, *, ox, oy, ink, ground):
    draw.rounded_rectangle((ox + 4, oy + 96, ox + 236, oy + 150), radius=12, fill=ink)
    draw.rounded_rectangle((ox + 90, oy + 106, ox + 150, oy + 140), radius=14, fill=ground)
    draw.ellipse((ox + 110, oy + 113, ox + 130, oy + 133), fill=ink)
    for y in (oy + 60, oy + 186):
        draw.line((ox + 40, y, ox + 200, y), fill=ink, width=4)


ICONS = {
    "drill": _drill, "blade": _blade, "sander": _sander, "mower": _mower, "shears": _shears,
    "wheelbarrow": _wheelbarrow, "auger": _auger, "spray": _spray, "vacuum": _vacuum,
    "ladder": _ladder, "level": _level,
}
# The first kind whose word is in the tool's name; a level otherwise.
TOOL_KINDS = (
    ("drill", ("perceuse", "perforateur", "décapeur")),
    ("blade", ("scie", "meuleuse", "oscillant")),
    ("sander", ("ponceuse",)),
    ("mower", ("tondeuse", "scarificateur", "motoculteur", "coupe-bordure")),
    ("shears", ("taille-haie", "sécateur")),
    ("wheelbarrow", ("brouette",)),
    ("auger", ("tarière",)),
    ("spray", ("nettoyeur", "souffleur", "décolleuse")),
    ("vacuum", ("aspirateur", "shampouineuse")),
    ("ladder", ("échelle", "escabeau", "échafaudage")),
)


def _tool_kind(title):
    words = title.lower()
    return next((kind for kind, keys in TOOL_KINDS if any(key in words for key in keys)), "level")

"""Bar charts drawn by the server as inline SVG: no script, nothing from elsewhere.

A chart repeats a table's column; the table next to it is its text
equivalent, and the SVG carries a title and a description for screen readers.
"""

from .formats import cell_html

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 220
BAR_SPACE = 300
WIDTH = LABEL_WIDTH + BAR_SPACE + 110


def bar_chart(table) -> dict | None:
    """The geometry of ``table``'s bar chart (its ``chart_column``), or ``None``."""
    column = table.chart_column
    if column is None or not table.rows:
        return None
    values = [row[column] or 0 for row in table.rows]
    largest = max(values) or 1
    bars = []
    for index, (row, cells) in enumerate(zip(table.rows, table.cells, strict=True)):
        top = GAP + index * (BAR_HEIGHT + GAP)
        length = round(BAR_SPACE * (row[column] or 0) / largest, 1)
        bars.append({
            "label": str(row[0]), "value": cell_html(*cells[column]), "y": top,
            "text_y": top + BAR_HEIGHT - 6, "length": length,
            "value_x": LABEL_WIDTH + length + 6,
        })
    return {
        "bars": bars, "width": WIDTH, "height": GAP + len(bars) * (BAR_HEIGHT + GAP),
        "label_width": LABEL_WIDTH, "label_x": LABEL_WIDTH - 8, "bar_height": BAR_HEIGHT,
        "column": str(table.columns[column]),
        "description": "; ".join("{} : {}".format(bar["label"], bar["value"]) for bar in bars),
    }

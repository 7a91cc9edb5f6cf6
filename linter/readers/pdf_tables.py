"""A PDF page's tables: ruling lines from PDFium's paths, cells by pdfplumber's table
algorithm, characters put into cells by bisection.

What is a rule: a stroked straight line (each side of a stroked rectangle), or a thin
filled bar (Word draws borders so), in a colour that shows on white paper. A filled area
is not: WPS and PDF editors put a white rectangle behind every line of text, and cell
shading fills whole cells.

pdfplumber's cell search compares every crossing of rules with every other, so the rules a
page may have are bounded; a page past the bound (ruled paper, a hostile file) is read as
text, which is what it is.
"""

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from linter.readers.pdf_objects import lean, placement
from linter.readers.pdf_text import Char, cell_text

_RULE = 2.0  # points: a filled bar thinner than this is a rule; an axis-parallel line is straighter
_STRAIGHT = 0.5
_MAX_SEGMENTS = 200_000  # path segments a page may have (a second of reading)…
MAX_PATHS = _MAX_SEGMENTS + 1  # a path has a segment or more: the paths to look at to know a page is past it
_MAX_PAIRS = 40_000  # …horizontal × vertical rules after merging (the crossings test)…
_MAX_CROSSINGS = 2_500  # …and crossings (the cell search): a 50 × 50 grid; a report's page has a few hundred


@dataclass
class Table:
    bbox: tuple[float, float, float, float]
    rows: list[list[str | None]]  # None: a position covered by a merged cell


class _Edges:
    """What pdfplumber's TableFinder reads of a page: its ruling edges and its box."""

    def __init__(self, edges: list[dict], width: float, height: float):
        self.edges = edges
        self.bbox = (0, 0, width, height)


def _edge(x0, top, x1, bottom, orientation) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line", "doctop": top}


def _shows(getter, obj: int) -> bool:
    """Is the colour visible on white paper (not transparent, not white)?"""
    import ctypes

    r, g, b, a = colour = [ctypes.c_uint() for _ in range(4)]
    if not getter(obj, *map(ctypes.addressof, colour)):
        return True  # no colour stated: the default is black
    return a.value > 0 and min(r.value, g.value, b.value) < 240


def _points(path: int, placed):
    """The path's segments as (type, closes, x, y) in page space (y upward)."""
    import ctypes

    x, y = ctypes.c_float(), ctypes.c_float()
    to_x, to_y = ctypes.addressof(x), ctypes.addressof(y)
    get_segment, get_point = lean("FPDFPath_GetPathSegment"), lean("FPDFPathSegment_GetPoint")
    get_type, get_close = lean("FPDFPathSegment_GetType"), lean("FPDFPathSegment_GetClose")
    a, b, c, d, e, f = placed
    for index in range(max(lean("FPDFPath_CountSegments")(path), 0)):
        segment = get_segment(path, index)
        if not segment or not get_point(segment, to_x, to_y):
            continue
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        if math.isfinite(px) and math.isfinite(py):  # a damaged matrix gives inf or NaN
            yield get_type(segment), get_close(segment), px, py


def _line(x0, y0, x1, y1, height) -> dict | None:
    """An axis-parallel segment as a pdfplumber edge (page y flipped downward)."""
    if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) > _STRAIGHT:
        y = height - (y0 + y1) / 2
        return _edge(min(x0, x1), y, max(x0, x1), y, "h")
    if abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) > _STRAIGHT:
        x = (x0 + x1) / 2
        return _edge(x, height - max(y0, y1), x, height - min(y0, y1), "v")
    return None


def _stroked(points, height):
    import pypdfium2.raw as raw

    start = current = None
    for kind, closes, x, y in points:
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = current = (x, y)
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
            yield _line(*current, x, y, height)
        current = (x, y)
        if closes and start is not None:
            yield _line(x, y, *start, height)
            current = start


def _bar(points, height) -> dict | None:
    xs, ys = [p[2] for p in points], [p[3] for p in points]
    if not xs:
        return None
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    if top - bottom <= _RULE < right - left:
        y = height - (top + bottom) / 2
        return _edge(left, y, right, y, "h")
    if right - left <= _RULE < top - bottom:
        x = (left + right) / 2
        return _edge(x, height - top, x, height - bottom, "v")
    return None


def _closing(edges: list[dict], end: str) -> dict | None:
    """The rule a page break left out: Word and WPS draw no rule where a table is cut, so
    the verticals that reach furthest down (end "bottom") or up ("top") on the page may end
    in the open. Three or more ending there, not ruled across: the rule they end on."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    if len(verticals) < 3:
        return None
    far = max if end == "bottom" else min
    y = far(e[end] for e in verticals)
    ending = sorted(e["x0"] for e in verticals if abs(e[end] - y) <= _RULE)
    if len(ending) < 3:
        return None
    left, right = ending[0], ending[-1]
    ruled = sorted((e["x0"], e["x1"]) for e in edges if e["orientation"] == "h" and abs(e["top"] - y) <= _RULE)
    reach = left
    for x0, x1 in ruled:
        if x0 > reach + _RULE:
            break
        reach = max(reach, x1)
    return None if reach >= right - _RULE else _edge(left, y, right, y, "h")


def page_edges(paths: list[tuple], height: float) -> list[dict] | None:
    """The rules drawn by the page's paths (pdf_objects.page_objects) as pdfplumber edges;
    None when there are more than a page of tables could have."""
    import ctypes

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    to_fill, to_stroke = ctypes.addressof(fill), ctypes.addressof(stroke)
    count, draw_mode = lean("FPDFPath_CountSegments"), lean("FPDFPath_GetDrawMode")
    edges, segments = [], 0
    for path, outer in paths:
        segments += max(count(path), 1)
        if segments > _MAX_SEGMENTS:
            return None
        if not draw_mode(path, to_fill, to_stroke):
            continue
        if stroke.value and _shows(lean("FPDFPageObj_GetStrokeColor"), path):
            edges += filter(None, _stroked(_points(path, placement(path, outer)), height))
        elif fill.value and _shows(lean("FPDFPageObj_GetFillColor"), path):
            edges += filter(None, [_bar(list(_points(path, placement(path, outer))), height)])
    return edges + list(filter(None, (_closing(edges, "bottom"), _closing(edges, "top"))))


def _finder():
    from pdfplumber.table import Table as Found, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
    from pdfplumber.table import intersections_to_cells

    class Finder(TableFinder):
        """TableFinder, bounded before each step that compares all pairs."""

        def __init__(self, page):
            self.page, self.settings = page, TableSettings.resolve(None)
            self.edges = self.get_edges()
            horizontal = sum(e["orientation"] == "h" for e in self.edges)
            if horizontal * (len(self.edges) - horizontal) > _MAX_PAIRS:
                raise OverflowError
            tolerance = self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
            self.intersections = edges_to_intersections(self.edges, *tolerance)
            if len(self.intersections) > _MAX_CROSSINGS:
                raise OverflowError
            self.cells = intersections_to_cells(self.intersections)
            self.tables = [Found(self.page, group) for group in cells_to_tables(self.cells)]

    return Finder


class _Grid:
    """Which of some non-overlapping boxes a point falls in, by bisection: the boxes' sides
    cut the plane into a grid, and each grid position knows the box covering it."""

    def __init__(self, boxes: list[tuple[object, tuple]]):
        self.xs = sorted({b[0] for _, b in boxes} | {b[2] for _, b in boxes})
        self.ys = sorted({b[1] for _, b in boxes} | {b[3] for _, b in boxes})
        self.owner: dict[tuple[int, int], object] = {}
        for key, box in boxes:
            for i in range(bisect_left(self.xs, box[0]), bisect_left(self.xs, box[2])):
                for j in range(bisect_left(self.ys, box[1]), bisect_left(self.ys, box[3])):
                    self.owner[(i, j)] = key

    def find(self, x: float, y: float):
        return self.owner.get((bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1))


def page_tables(edges: list[dict] | None, chars: list[Char], width: float, height: float) \
        -> tuple[list[Table], list[Char]]:
    """The page's tables drawn by `edges` (page_edges), and the characters outside them."""
    if not edges:
        return [], chars
    try:
        found = _finder()(_Edges(edges, width, height)).tables
    except OverflowError:
        return [], chars
    grids = [[row.cells for row in table.rows] for table in found]  # rows: computed on each access
    tables = [Table(t.bbox, [[None if box is None else "" for box in row] for row in grid]) for t, grid in zip(found, grids)]
    which_table = _Grid([(index, table.bbox) for index, table in enumerate(tables)])
    which_cell = [_Grid([((r, k), box) for r, row in enumerate(grid) for k, box in enumerate(row) if box]) for grid in grids]
    placed: dict[tuple[int, int, int], list[Char]] = {}
    outside = []
    for char in chars:
        x, y = char.middle
        index = which_table.find(x, y)
        if index is None:
            outside.append(char)
        elif (cell := which_cell[index].find(x, y)) is not None:
            placed.setdefault((index, *cell), []).append(char)
    for (index, r, k), inside in placed.items():
        tables[index].rows[r][k] = cell_text(inside)
    return tables, outside

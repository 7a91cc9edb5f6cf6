"""A PDF page's objects with their placement on the page, forms looked into (PDFium gives
each object's matrix relative to the form that holds it), and PDFium's functions as the
reader calls them a thousand times a page (`lean`)."""

import ctypes
import functools
import math

_MAX_DEPTH = 8  # forms nested deeper than this are not looked into
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _plain(kind):
    return ctypes.c_void_p if isinstance(kind, type) and issubclass(kind, ctypes._Pointer) else kind


@functools.cache
def lean(name: str):
    """The pypdfium2.raw function `name` again, taking and giving plain addresses (ints:
    `address`, ctypes.addressof) where it declares typed pointers. ctypes checks a typed
    pointer argument by a slow path on every call, most of the cost of a call; a WPS page
    has a text object per character, and each character and object takes a few calls."""
    import pypdfium2.raw as raw

    function = getattr(raw, name)
    again = type(function)(ctypes.cast(function, ctypes.c_void_p).value)  # the same calling convention
    again.argtypes = [_plain(kind) for kind in function.argtypes]
    again.restype = _plain(function.restype)
    return again


def address(handle) -> int:
    """A pypdfium2 handle (page, text page) as the address `lean` functions take."""
    return ctypes.cast(handle, ctypes.c_void_p).value


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def placement(obj: int, outer) -> tuple:
    """The object's matrix to page space (a, b, c, d, e, f), given its form's (`outer`)."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f) \
        if lean("FPDFPageObj_GetMatrix")(obj, ctypes.addressof(matrix)) else IDENTITY
    return _compose(own, outer)


def page_objects(page, kinds: dict[int, int | None]) -> dict[int, list[tuple]]:
    """The page's objects of each kind in `kinds` (FPDF_PAGEOBJ_* → at most how many; None:
    all), each as (object's address, its form's matrix to page space); `placement(object,
    outer)` places it. All kinds in one pass: each PDFium call costs."""
    import pypdfium2.raw as raw

    found: dict[int, list[tuple]] = {kind: [] for kind in kinds}
    room = {kind: math.inf if most is None else most for kind, most in kinds.items()}
    get_type, form = lean("FPDFPageObj_GetType"), raw.FPDF_PAGEOBJ_FORM
    form_count, form_object = lean("FPDFFormObj_CountObjects"), lean("FPDFFormObj_GetObject")
    # (holder, its count, how to get its i-th object, its matrix, depth)
    pending = [(address(page.raw), raw.FPDFPage_CountObjects(page.raw), lean("FPDFPage_GetObject"), IDENTITY, 0)]
    while pending:
        holder, count, get, outer, depth = pending.pop()
        for index in range(max(count, 0)):
            obj = get(holder, index)
            if not obj:
                continue
            kind = get_type(obj)
            if kind in found:
                if len(found[kind]) < room[kind]:
                    found[kind].append((obj, outer))
            elif kind == form and depth < _MAX_DEPTH:
                pending.append((obj, form_count(obj), form_object, placement(obj, outer), depth + 1))
    return found

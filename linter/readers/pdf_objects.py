"""A PDF page's objects with their placement on the page, forms looked into (PDFium gives
each object's matrix relative to the form that holds it)."""

_MAX_DEPTH = 8  # forms nested deeper than this are not looked into
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def placement(obj, outer) -> tuple:
    """The object's matrix to page space (a, b, c, d, e, f), given its form's (`outer`)."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f) \
        if raw.FPDFPageObj_GetMatrix(obj, matrix) else IDENTITY
    return _compose(own, outer)


def page_objects(page, kind: int):
    """(object, its form's matrix to page space) of every object of `kind` (FPDF_PAGEOBJ_*);
    `placement(object, outer)` places it. Asked for only where needed: a page has a
    thousand text objects, and most callers look at a few."""
    import pypdfium2.raw as raw

    get_type, form = raw.FPDFPageObj_GetType, raw.FPDF_PAGEOBJ_FORM
    # (holder, its count, how to get its i-th object, its matrix, depth); PDFium's functions
    # called directly, no Python function between, for the thousand objects of a page
    pending = [(page, raw.FPDFPage_CountObjects(page), raw.FPDFPage_GetObject, IDENTITY, 0)]
    while pending:
        holder, count, get, outer, depth = pending.pop()
        for index in range(max(count, 0)):
            obj = get(holder, index)
            if not obj:
                continue
            found = get_type(obj)
            if found == kind:
                yield obj, outer
            elif found == form and depth < _MAX_DEPTH:
                pending.append((obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject,
                                placement(obj, outer), depth + 1))

"""A PDF page's objects with their placement on the page, forms looked into (PDFium gives
each object's matrix relative to the form that holds it)."""

_MAX_DEPTH = 8  # forms nested deeper than this are not looked into
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def page_objects(page, kind: int):
    """(object, its matrix to page space (a, b, c, d, e, f)) of every object of `kind`
    (FPDF_PAGEOBJ_*)."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    pending = [(raw.FPDFPage_CountObjects(page), lambda i: raw.FPDFPage_GetObject(page, i), IDENTITY, 0)]
    while pending:
        count, get, outer, depth = pending.pop()
        for index in range(max(count, 0)):
            obj = get(index)
            if not obj:
                continue
            found = raw.FPDFPageObj_GetType(obj)
            if found not in (kind, raw.FPDF_PAGEOBJ_FORM):
                continue
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f) \
                if raw.FPDFPageObj_GetMatrix(obj, matrix) else IDENTITY
            placed = _compose(own, outer)
            if found == kind:
                yield obj, placed
            elif depth < _MAX_DEPTH:
                pending.append((raw.FPDFFormObj_CountObjects(obj), lambda i, form=obj: raw.FPDFFormObj_GetObject(form, i),
                                placed, depth + 1))

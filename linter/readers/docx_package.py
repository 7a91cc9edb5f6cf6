"""The parts of a Word package the .docx reader needs, read from the zip with lxml.

python-docx opens every part of a package into a graph of Python objects (parts,
relationships, element proxies) whose reference cycles cost a garbage-collector pass per
document: about half the time of reading a report. The reader needs four parts, the body,
the list numbering, the styles (headings numbered by style) and the core properties (the
title); they are found through the package's relationships as python-docx finds them,
checked to be a Word document as python-docx checks, and parsed with python-docx's parser
settings (blank text dropped, no entities resolved) into plain lxml elements. The bytes
are those archive.check unpacked while checking the package: no part is unpacked twice.

`Package` is an object with the attributes of python-docx's Document that the reader
and linter/readers/numbering.py use: `element.body`, `part.numbering_part.element`,
`styles.element`, `core_properties.title`. A missing part raises KeyError on access, as
python-docx does.
"""

import posixpath
from types import SimpleNamespace

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from linter.readers.archive import Checked

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"
_STYLES = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styles"


def _relationships(archive: Checked, part: str) -> dict[str, str]:
    """Relationship type -> target part name (internal targets; the first of each type)."""
    folder, name = posixpath.split(part)
    try:
        root = etree.fromstring(archive.read(posixpath.join(folder, "_rels", name + ".rels")), _PARSER)
    except KeyError:
        return {}
    found = {}
    for rel in root.iter(_PACKAGE):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(rel.get("Type"), path)
    return found


def _content_type(archive: Checked, part: str) -> str | None:
    types = etree.fromstring(archive.read("[Content_Types].xml"), _PARSER)
    for override in types.iter(_TYPES + "Override"):
        if override.get("PartName", "").lstrip("/").lower() == part.lower():
            return override.get("ContentType")
    extension = posixpath.splitext(part)[1].lstrip(".").lower()
    for default in types.iter(_TYPES + "Default"):
        if default.get("Extension", "").lower() == extension:
            return default.get("ContentType")
    return None


class Package:
    def __init__(self, archive: Checked):
        package = _relationships(archive, "")
        main = package.get(RT.OFFICE_DOCUMENT)
        if main is None:
            raise KeyError("no main document part in the package")
        content_type = _content_type(archive, main)
        if content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"not a Word file, content type is '{content_type}'")
        related = _relationships(archive, main)
        # the parts parsed here, as python-docx does on opening: a damaged one is a damaged file
        body = archive.read(main)
        self.element = SimpleNamespace(body=etree.fromstring(body, _PARSER).find(_BODY))
        self._numbering = _parse(archive, related.get(RT.NUMBERING))
        # Styles only give numbering to paragraphs that name a style; a body that names none
        # never looks one up, and a template's styles part (350 kB from python-docx's) is
        # most of a document's parsing time.
        if b"pStyle" in body:
            self._styles = _parse(archive, related.get(RT.STYLES))
        else:
            self._styles = etree.Element(_STYLES)
        core = _parse(archive, package.get(RT.CORE_PROPERTIES))
        self.core_properties = SimpleNamespace(title=(core.findtext(_TITLE) if core is not None else None) or "")

    @property
    def part(self):
        return SimpleNamespace(numbering_part=SimpleNamespace(element=_present(self._numbering)))

    @property
    def styles(self):
        return SimpleNamespace(element=_present(self._styles))


def _parse(archive: Checked, name: str | None):
    """The part's root element; None when the package has no such part."""
    if name is None or name not in archive:
        return None
    return etree.fromstring(archive.read(name), _PARSER)


def _present(element):
    if element is None:
        raise KeyError("part not in the package")
    return element

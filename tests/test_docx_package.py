"""The Word package read with lxml (linter/readers/docx_package.py): parts found through the
package's relationships and checked as python-docx checks them."""

import zipfile

import docx

import reportgen
import writers
from linter.readers import read


def _rewrite(source, target, edit):
    """Copy a .docx, passing each part's (name, bytes) through edit -> (name, bytes)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            name, data = edit(info.filename, old.read(info.filename))
            new.writestr(name, data)


def _report(tmp_path):
    path = tmp_path / "report.docx"
    writers.write_docx(writers.blocks_from_text(reportgen.build()), path)
    return path


def test_main_part_found_through_the_relationships(tmp_path, lint):
    source = _report(tmp_path)
    moved = tmp_path / "moved.docx"

    def edit(name, data):
        data = data.replace(b"word/document.xml", b"word/body.xml").replace(b'Target="document.xml"', b'Target="body.xml"')
        return {"word/document.xml": "word/body.xml", "word/_rels/document.xml.rels": "word/_rels/body.xml.rels"}.get(name, name), data

    _rewrite(source, moved, edit)
    assert [line.text for line in read(moved).lines] == [line.text for line in read(source).lines]
    original, result = lint(source.read_bytes(), "a.docx"), lint(moved.read_bytes(), "b.docx")
    assert result.status == "ok" and [f.as_json() for f in result.findings] == [f.as_json() for f in original.findings]


def test_a_package_that_is_not_a_word_document_is_refused(tmp_path, lint):
    source = _report(tmp_path)
    macro = tmp_path / "macro.docx"
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    _rewrite(source, macro, lambda name, data: (name, data.replace(main, b"application/vnd.ms-word.document.macroEnabled.main+xml")))
    result = lint(macro.read_bytes(), "macro.docx", lang="en")
    assert result.status == "unreadable" and "not a readable Word document" in result.error and "macroEnabled" in result.error


def test_title_from_the_core_properties(tmp_path):
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.core_properties.title = "青山区人民政府2023年政府信息公开工作年度报告"
    path = tmp_path / "titled.docx"
    document.save(path)
    assert read(path).meta == {"title": "青山区人民政府2023年政府信息公开工作年度报告"}


def test_a_damaged_numbering_part_is_a_damaged_file(tmp_path, lint):
    source = _report(tmp_path)
    damaged = tmp_path / "damaged.docx"
    _rewrite(source, damaged, lambda name, data: (name, data[:200] if name == "word/numbering.xml" else data))
    result = lint(damaged.read_bytes(), "damaged.docx", lang="en")
    assert result.status == "unreadable" and "damaged Word document" in result.error


def test_every_part_is_unpacked_once(tmp_path, monkeypatch):
    """The zip-bomb check unpacks every member; the reader parses the bytes it kept."""
    source = _report(tmp_path)
    opened = []
    open_member = zipfile.ZipFile.open

    def counting(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return open_member(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    lines = read(source).lines
    with zipfile.ZipFile(source) as package:
        assert sorted(opened) == sorted(package.namelist())
    assert lines and lines[0].location == {"paragraph": 1}

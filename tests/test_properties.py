"""Property-based tests of the readers (hypothesis, derandomized for CI): random bytes, and
truncations and mutations of valid .txt, .html, .docx and .pdf reports, give a clean result
or a clear reason the file cannot be read — never an internal error.

fuzz/fuzz_readers.py searches the same space for as long as a maintainer lets it run."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportgen
import writers
from linter.engine import lint_bytes
from linter.rules import select

RULES = select()
FAST = settings(derandomize=True, deadline=None, max_examples=25, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SUFFIXES = (".txt", ".html", ".docx", ".pdf")


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> dict[str, bytes]:
    """A complete report in each container."""
    folder = tmp_path_factory.mktemp("valid")
    blocks = writers.blocks_from_text(reportgen.build())
    out = {}
    for suffix, write in ((".txt", writers.write_txt), (".html", writers.write_html),
                          (".docx", writers.write_docx), (".pdf", writers.write_pdf)):
        write(blocks, folder / f"report{suffix}")
        out[suffix] = (folder / f"report{suffix}").read_bytes()
    return out


def assert_clean(name: str, data: bytes):
    result = lint_bytes(name, data, RULES, lang="en")
    assert result.status == "ok" or not result.error.startswith("internal error"), result.error


def test_the_valid_reports_read(valid):
    for suffix, data in valid.items():
        result = lint_bytes(f"report{suffix}", data, RULES)
        assert result.status == "ok" and result.findings == [], (suffix, result.error, result.findings)


@FAST
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=4096))
def test_random_bytes(suffix, data):
    assert_clean(f"random{suffix}", data)


@FAST
@given(suffix=st.sampled_from(SUFFIXES), cut=st.floats(0, 1))
def test_truncations(valid, suffix, cut):
    data = valid[suffix]
    assert_clean(f"cut{suffix}", data[: int(len(data) * cut)])


def _mutate(data: bytes, edits: list[tuple[float, int]]) -> bytes:
    out = bytearray(data)
    for where, byte in edits:
        out[int(where * (len(out) - 1))] = byte
    return bytes(out)


EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=12)


@FAST
@given(suffix=st.sampled_from(SUFFIXES), edits=EDITS)
def test_byte_mutations(valid, suffix, edits):
    assert_clean(f"mutated{suffix}", _mutate(valid[suffix], edits))


@FAST
@given(part=st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"]), edits=EDITS,
       cut=st.floats(0.5, 1))
def test_word_xml_mutations(valid, part, edits, cut):
    """Byte mutations inside one XML part of a .docx (the zip itself intact), where the
    reader and python-docx read them."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid[".docx"])) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == part:
                content = _mutate(content, edits)[: int(len(content) * cut)]
            target.writestr(name, content)
    assert_clean("mutated.docx", out.getvalue())


@FAST
@given(markup=st.lists(st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td rowspan=99999>", "<td colspan='3px'>",
                                        "</td>", "<div class='nav'>", "</div>", "<p>", "<br>", "<th rowspan=0>",
                                        "本年新收政府信息公开申请", "12", "|", "<script>", "<!--", "<meta charset=gbk>"]),
                       max_size=60))
def test_web_page_markup(valid, markup):
    """Tags inserted into a valid page, in any order and nesting."""
    page = valid[".html"].decode("utf-8")
    cut = page.index("<div id=\"zoom\"")
    assert_clean("page.html", (page[:cut] + "".join(markup) + page[cut:]).encode("utf-8"))

"""Fuzz the readers (and the linting after them) with atheris, for as long as you like.

Every input must give a Document (then findings) or UnreadableFile with a reason; anything
else is a crash that libFuzzer saves as crash-<hash> in the working directory. The first
byte of an input picks what the rest is:

  0 .txt   1 .html   2 .docx (the whole zip)   6 .pdf
  3 / 4 / 5  word/document.xml / numbering.xml / styles.xml of a valid .docx

The seeds (valid reports of each kind, made by tests/writers.py) are written into the corpus
folder when it is empty. See the README's "Fuzzing" paragraph for how to run it; a file
instead of a folder replays that one input (a crash-… file).
"""

import io
import sys
import zipfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

with atheris.instrument_imports(include=["linter"]):
    from linter.engine import lint_document
    from linter.errors import UnreadableFile
    from linter.readers import read_bytes
    from linter.rules import select

SUFFIXES = {0: ".txt", 1: ".html", 2: ".docx", 6: ".pdf"}
PARTS = {3: "word/document.xml", 4: "word/numbering.xml", 5: "word/styles.xml"}
RULES = select()
_template: dict[str, bytes] = {}


def _with_part(part: str, xml: bytes) -> bytes:
    """The seed .docx with one part replaced (stored, so the fuzzer's bytes reach the XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in _template.items():
            package.writestr(name, xml if name == part else content)
    return out.getvalue()


def one_input(data: bytes) -> None:
    if not data:
        return
    mode, body = data[0] % 7, data[1:]
    if mode in PARTS:
        name, body = "fuzz.docx", _with_part(PARTS[mode], body)
    else:
        name = "fuzz" + SUFFIXES[mode]
    try:
        document = read_bytes(name, body)
    except UnreadableFile:
        return
    lint_document(document, RULES)


def _valid_reports() -> dict[int, bytes]:
    """A valid report in each container, and the XML parts of the .docx, by mode."""
    import tempfile

    import reportgen
    import writers

    blocks = writers.blocks_from_text(reportgen.build())
    made = {}
    with tempfile.TemporaryDirectory() as scratch:
        for mode, suffix in SUFFIXES.items():
            path = Path(scratch) / f"seed{suffix}"
            {".txt": writers.write_txt, ".html": writers.write_html, ".docx": writers.write_docx,
             ".pdf": writers.write_pdf}[suffix](blocks, path)
            made[mode] = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(made[2])) as package:
        _template.update({name: package.read(name) for name in package.namelist()})
    made.update({mode: _template[part] for mode, part in PARTS.items() if part in _template})
    return made


def main() -> None:
    seeds = _valid_reports()
    corpus = next((Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if corpus is not None and not corpus.is_file() and not (corpus.is_dir() and any(corpus.iterdir())):
        corpus.mkdir(parents=True, exist_ok=True)  # a new corpus: seed it
        for mode, content in seeds.items():
            (corpus / f"seed-{mode}").write_bytes(bytes([mode]) + content)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

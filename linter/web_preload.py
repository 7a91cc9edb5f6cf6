"""Imported only by the web checker's forkserver (its preload list), to warm it: every reader
imported, the grammars and rules built and the caches filled once, so that each worker forked
from it starts ready. The server process itself never needs any of this."""

import importlib

from linter import formats, readers
from linter.engine import lint_bytes
from linter.rules import select

# what the PDF reader imports only when it first reads one (so that the command line starts fast)
_LAZY_IMPORTS = ("pypdfium2", "pypdfium2.raw", "pdfplumber.table")

for version in formats.VERSIONS:
    formats.load(version)
readers.prepare(readers.SUPPORTED_SUFFIXES)
for module in _LAZY_IMPORTS:
    importlib.import_module(module)
# the lexer's and checks' caches: a worker's first report then takes 10 ms, not 30
for rule in select():
    lint_bytes("example.txt", rule.examples.get("bad", "").encode("utf-8"), select())

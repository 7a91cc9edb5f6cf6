"""A self-contained HTML page of the findings (no external CSS, scripts or fonts)."""

from functools import lru_cache

import jinja2

from linter import __version__


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("linter", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
    )
    return env.get_template("findings.html.j2")


def render(results, summary: dict, lang: str) -> str:
    return _template().render(results=results, summary=summary, lang=lang, version=__version__)

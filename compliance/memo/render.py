"""Render memo views to Markdown, HTML (autoescaped) and PDF (WeasyPrint from the HTML)."""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..models import Model
from .filters import FILTERS

FORMATS = ("md", "html", "pdf")


@lru_cache(maxsize=None)
def _environment(html: bool) -> Environment:
    env = Environment(loader=PackageLoader("compliance.memo", "templates"), autoescape=html,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env


def render_markdown(template: str, view: Model) -> str:
    """Markdown of a view; every text from input files passes the ``md`` filter."""
    return _environment(html=False).get_template(f"{template}.md.j2").render(v=view)


def render_html(template: str, view: Model) -> str:
    """A printable HTML page of a view, with autoescaping on."""
    return _environment(html=True).get_template(f"{template}.html.j2").render(v=view)


def render_pdf(template: str, view: Model) -> bytes:
    """PDF bytes rendered from the HTML by WeasyPrint."""
    from weasyprint import HTML

    return HTML(string=render_html(template, view)).write_pdf()


def render(template: str, view: Model, fmt: str) -> bytes:
    """The memo in ``fmt`` (md, html or pdf) as bytes ready to write."""
    if fmt == "md":
        return render_markdown(template, view).encode("utf-8")
    if fmt == "html":
        return render_html(template, view).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(template, view)
    raise ValueError(f"okänt format '{fmt}'; välj {', '.join(FORMATS)}")

"""Rendering: a Django template → HTML → a PDF by WeasyPrint, and .docx drafts by docxtpl.

Every PDF embeds the serif shipped in documents/fonts/ (Liberation Serif, metric-compatible with
Times New Roman, full Vietnamese coverage), so a document looks the same on every machine.
Rendering never touches the network: only file: URLs under this app and data: URLs (the QR
code) are fetched; anything else fails the rendering instead of being silently left out.
Documents are always written in Vietnamese, whatever the language of the request or task.
"""

import io
from pathlib import Path
from urllib.parse import unquote, urlparse

import segno
from django.template.loader import render_to_string
from django.utils import translation

APP_DIR = Path(__file__).resolve().parent
FONT_DIR = APP_DIR / "fonts"
DOCX_DIR = APP_DIR / "docx_templates"
FONT_FAMILY = "Liberation Serif"
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}
DOCUMENT_LANGUAGE = "vi"


def font_face_css() -> str:
    rules = []
    for (weight, style), name in FONT_FILES.items():
        url = (FONT_DIR / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'font-style: {style}; src: url("{url}") format("truetype"); }}'
        )
    return "\n".join(rules)


def _fetcher():
    """WeasyPrint's fetcher, limited to data: URLs and files of this app; any other URL stops
    the rendering (a fatal error, not a warning and a blank space)."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if not path.is_relative_to(APP_DIR):
                    raise ValueError(f"Only the documents app's own files are read: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def render_html(template: str, context: dict) -> str:
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(template, {"font_css": font_face_css(), **context})


def render_pdf(template: str, context: dict) -> bytes:
    """The template rendered to a PDF (A4 and the margins come from base_document.html)."""
    from weasyprint import HTML  # imports Pango: only where a PDF is made
    from weasyprint.text.fonts import FontConfiguration

    html = render_html(template, context)
    document = HTML(string=html, base_url=APP_DIR.as_uri() + "/", url_fetcher=_fetcher())
    return document.write_pdf(font_config=FontConfiguration())


def render_docx(template_name: str, context: dict) -> bytes:
    """A Word draft from documents/docx_templates/<template_name> (a province may replace the
    file without touching code), filled with `context`."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(DOCX_DIR / template_name))
    with translation.override(DOCUMENT_LANGUAGE):
        template.render(context, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data: URL (medium error correction, survives a stamp)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)

"""Rendering never touches the network, nor any file outside the documents app."""

import pytest

from documents import render


def test_only_data_urls_and_the_apps_own_files_are_fetched():
    fetcher = render._fetcher()

    font = fetcher.fetch((render.FONT_DIR / "LiberationSerif-Regular.ttf").as_uri())
    try:
        assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    finally:
        font.close()
    for refused in ("http://example.com/logo.png", "https://example.com/a.css",
                    "file:///etc/passwd", "ftp://example.com/x"):  # fmt: skip
        with pytest.raises(ValueError):
            fetcher.fetch(refused)


def test_a_template_that_names_a_remote_resource_fails_instead_of_fetching_it():
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    html = '<p>Xin chào</p><img src="http://192.0.2.1/logo.png">'

    with pytest.raises(FatalURLFetchingError):
        HTML(string=html, url_fetcher=render._fetcher()).write_pdf()


def test_every_shipped_font_covers_vietnamese():
    from fontTools.ttLib import TTFont

    letters = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    for name in render.FONT_FILES.values():
        cmap = TTFont(render.FONT_DIR / name).getBestCmap()
        assert [c for c in letters + letters.upper() if ord(c) not in cmap] == [], name
    assert (render.FONT_DIR / "LICENSE-OFL.txt").read_text().startswith("Liberation Serif")

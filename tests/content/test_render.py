"""Lesson HTML is sanitised: no scripts, no remote images, nothing raw left over."""

from __future__ import annotations

from content.render import render_markdown

MEDIA = {"media/ok.svg"}


def test_raw_html_is_shown_as_text_never_interpreted():
    html = render_markdown(
        "Hi <script>alert(1)</script> <b onclick='x()'>bold</b>\n\n<iframe src='https://x'>"
        "</iframe>\n\n<img src=x onerror=alert(1)>",
        MEDIA,
    )
    for bad in ("<script", "<iframe", "<b ", "<img"):
        assert bad not in html
    assert "&lt;script&gt;" in html and "&lt;b onclick" in html


def test_only_pack_media_images_survive():
    html = render_markdown(
        "![a](media/ok.svg) ![b](https://evil.example/t.png) "
        "![c](media/missing.png) ![d](file:///etc/passwd)",
        MEDIA,
    )
    assert 'src="media/ok.svg"' in html
    assert html.count("src=") == 1


def test_links_keep_only_safe_schemes():
    html = render_markdown("[a](javascript:alert(1)) [b](https://dichvucong.gov.vn)", MEDIA)
    assert "javascript" not in html and 'href="https://dichvucong.gov.vn"' in html


def test_tables_lists_and_quotes_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n\n> note", MEDIA)
    assert "<table>" in html and "<li>x</li>" in html and "<blockquote>" in html

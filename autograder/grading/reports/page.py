"""The HTML both report pages share: a self-contained page (inline CSS, no script, no
external resource), escaping, tables and embedded images."""
from __future__ import annotations

import html

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; }
.alert { border: 2px solid #b00020; background: #fdecee; padding: 0.6rem 1rem; }
.ok { color: #1b5e20; } .bad { color: #b00020; }
.mistake { border-left: 4px solid #e0a800; padding-left: 0.8rem; margin: 0.6rem 0; }
img { max-width: 100%; height: auto; }
""".strip()


def esc(value) -> str:
    """Any value as HTML text (student ids and messages come from students)."""
    return html.escape(str(value), quote=True)


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
            "</body>\n</html>\n")


def table(headers: list, rows: list, numeric: tuple = (), caption: str | None = None) -> str:
    """A table with column headers; `rows` hold already-escaped HTML; columns in `numeric` align right."""
    head = "".join(f"<th scope=\"col\">{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td class=\"num\">{c}</td>" if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>\n" for row in rows)
    caption = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>\n"


def image(png_base64: str, alt: str) -> str:
    return f"<img src=\"data:image/png;base64,{png_base64}\" alt=\"{esc(alt)}\">\n"

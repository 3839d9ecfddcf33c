#!/usr/bin/env python3
"""Reads pages with Python's own HTML tokenizer (html.parser, independent of the code
that wrote them) and reports anything that could become active content.
Usage: inspect_html.py PAGE.html [PAGE.html ...]

Prints one JSON line per page: `violations` (a list of sentences; empty when the page
is inert), `csp` (the Content-Security-Policy of its <meta>), and `text` (what a reader
sees: text content and title/aria-label attribute values, character references decoded).

A violation is: an element that runs or loads something (script, iframe, frame, object,
embed, applet, base, form, link, a refreshing meta), an event-handler attribute (any
name starting with "on"), a URL attribute (href, src, xlink:href, action, formaction,
poster, srcset, data, background) that is neither a fragment, a relative path nor
http(s), a style attribute with url() or expression(), and a bidi or control character
(other than tab and line feed) anywhere in text or attributes."""
import json, re, sys
from html.parser import HTMLParser

ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link"}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "poster", "srcset", "data", "background"}
TEXT_ATTRIBUTES = {"title", "aria-label", "alt"}
INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def url_is_safe(value):
    # Browsers drop ASCII whitespace and control characters inside a scheme.
    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
    if squeezed == "" or squeezed.startswith("#"):
        return True
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squeezed)
    if scheme is None:
        return True  # relative
    return scheme.group(1) in ("http", "https")


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.violations, self.text, self.csp = [], [], None

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def check(self, tag, attrs):
        if tag in ACTIVE:
            self.violations.append(f"<{tag}> element")
        names = dict((name, value or "") for name, value in attrs)
        if tag == "meta" and names.get("http-equiv", "").lower() == "refresh":
            self.violations.append("<meta http-equiv=refresh>")
        if tag == "meta" and names.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = names.get("content")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.violations.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES and not url_is_safe(value):
                self.violations.append(f"<{tag} {name}={value!r}> unsafe URL")
            if name == "style" and re.search(r"url\s*\(|expression\s*\(", value, re.I):
                self.violations.append(f"<{tag} style={value!r}> loads or runs")
            if INVISIBLE.search(value):
                self.violations.append(f"<{tag} {name}=…> holds a bidi or control character")
            if name in TEXT_ATTRIBUTES:
                self.text.append(value)

    def handle_data(self, data):
        if INVISIBLE.search(data):
            self.violations.append(f"text holds a bidi or control character: {data[:60]!r}")
        self.text.append(data)


def main():
    for page in sys.argv[1:]:
        with open(page, encoding="utf-8", errors="strict") as f:
            source = f.read()
        inspector = Inspector()
        inspector.feed(source)
        inspector.close()
        print(json.dumps({"page": page, "violations": inspector.violations, "csp": inspector.csp,
                          "text": " ".join(inspector.text)}))


main()

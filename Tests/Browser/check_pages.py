#!/usr/bin/env python3
"""Opens report pages in a real Chromium (headless, through chromedriver) and checks
what a reader gets. Usage: check_pages.py OUT_DIR PAGE.html [PAGE.html ...]

For each page: no console errors (a blocked load is a CSP violation, an error); no
network request besides the page itself; every chart, flame graph and sparkline is
drawn with a non-zero size; with JavaScript disabled the findings and tables are
still there; a screenshot that is not blank. Prints one JSON line per page with the
DOM node count and the first contentful paint, and exits 1 on any failure."""
import json, os, struct, subprocess, sys, zlib

from chromium import console_problems, driver, requests_besides



def png_is_blank(data):
    """True when every pixel row of the PNG is the same colour."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, width, height = 8, b"", 0, 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    return len(set(raw[1:1 + width * 4])) <= 1 and len(set(raw)) <= 8


def main():
    out, pages = sys.argv[1], sys.argv[2:]
    failures = []
    browser = driver()
    try:
        for page in pages:
            url = "file://" + os.path.abspath(page)
            browser.get(url)
            name = os.path.basename(page)
            errors = console_problems(browser)
            if errors:
                failures.append(f"{name}: console: {errors[:3]}")
            requests = requests_besides(browser, url)
            if requests:
                failures.append(f"{name}: network requests: {requests[:3]}")
            sizes = browser.execute_script(
                "return Array.from(document.querySelectorAll('svg.chart, svg.flame, figure.flame svg, svg.sparkline'))"
                ".map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; });")
            if any(w <= 0 or h <= 0 for w, h in sizes):
                failures.append(f"{name}: a chart has no size: {sizes}")
            nodes = browser.execute_script("return document.getElementsByTagName('*').length;")
            paint = browser.execute_script(
                "const p = performance.getEntriesByName('first-contentful-paint'); return p.length ? p[0].startTime : null;")
            shot = browser.get_screenshot_as_png()
            with open(os.path.join(out, name + ".png"), "wb") as f:
                f.write(shot)
            if png_is_blank(shot):
                failures.append(f"{name}: the screenshot is blank")
            # Scripts off: the same essentials, straight from the HTML.
            dom = subprocess.run(["/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-javascript",
                                  "--dump-dom", url], capture_output=True, text=True, timeout=60).stdout
            for needed in ("<table", "<svg"):
                if needed not in dom:
                    failures.append(f"{name}: with scripts off, no {needed}")
            if "index" not in name and "findings-heading" not in dom:
                failures.append(f"{name}: with scripts off, no findings")
            print(json.dumps({"page": name, "dom_nodes": nodes, "charts": len(sizes), "first_contentful_paint_ms": paint}))
    finally:
        browser.quit()
    for failure in failures:
        print("FAIL " + failure)
    sys.exit(1 if failures else 0)


main()

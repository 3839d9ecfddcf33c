#!/usr/bin/env python3
"""Opens pages made from hostile input in a real Chromium (headless, through
chromedriver, scripts on) and reports whether anything in them ran.
Usage: check_inert.py OUT_DIR PAGE.html [PAGE.html ...]

For each page, one JSON line: `ran` (window.__pwned, which every payload in the
fixtures tries to set, or an alert dialog that opened), `scripts` (<script> elements in
the DOM), `handlers` (elements with an on… attribute), `unsafe_links` (a, area, img,
iframe, … whose URL is javascript:, data: or vbscript:), `console` (errors and warnings,
which is where Chromium reports a blocked script or a CSP violation), `requests` (any
network request but the page), `invisible` (bidi or control characters in the rendered
text) and `shown` (which payloads a reader sees as text).

It also writes two control pages into OUT_DIR and checks them the same way, so a run
proves the checks can see something: `control-open.html` (a script and an onerror
handler, no policy) must report `ran`; `control-csp.html` (the same under the reports'
Content-Security-Policy) must report a blocked script on the console and not `ran`."""
import json, os, sys

from selenium.common.exceptions import NoAlertPresentException

from chromium import console_problems, driver, requests_besides

POLICY = ("default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; "
          "img-src data:; base-uri 'none'; form-action 'none'")
PAYLOADS = ["</script><script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)",
            "{{title}}", "\\u202E"]
CONTROL = "<p>control</p><script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 1; alert(1)\">"



def check(browser, page):
    url = "file://" + os.path.abspath(page)
    browser.get(url)
    alert = None
    try:
        dialog = browser.switch_to.alert
        alert = dialog.text
        dialog.accept()
    except NoAlertPresentException:
        pass
    state = browser.execute_script("""
        const attributes = [];
        for (const element of document.querySelectorAll('*')) {
            for (const attribute of element.attributes) {
                if (attribute.name.toLowerCase().startsWith('on')) attributes.push(element.tagName + ' ' + attribute.name);
            }
        }
        const unsafe = [];
        for (const element of document.querySelectorAll('[href], [src], [action], [formaction], [data], [poster]')) {
            for (const name of ['href', 'src', 'action', 'formaction', 'data', 'poster']) {
                const value = (element.getAttribute(name) || '').replace(/[\\x00-\\x20]/g, '').toLowerCase();
                if (/^(javascript|data|vbscript):/.test(value)) unsafe.push(element.tagName + ' ' + name + '=' + value);
            }
        }
        for (const element of document.querySelectorAll('*')) {
            const value = (element.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '').replace(/[\\x00-\\x20]/g, '').toLowerCase();
            if (/^(javascript|data|vbscript):/.test(value)) unsafe.push(element.tagName + ' xlink:href=' + value);
        }
        const text = document.body ? document.body.innerText + ' ' + document.title : '';
        const titles = Array.from(document.querySelectorAll('title')).map(t => t.textContent).join(' ');
        return {pwned: typeof window.__pwned !== 'undefined', scripts: document.scripts.length,
                handlers: attributes, unsafe: unsafe, text: text + ' ' + titles};
    """)
    console = console_problems(browser)
    requests = requests_besides(browser, url)
    text = state["text"]
    invisible = sorted({"%04X" % ord(c) for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F
                        or ord(c) in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029) or 0x202A <= ord(c) <= 0x202E
                        or 0x2066 <= ord(c) <= 0x2069})
    return {"page": os.path.basename(page), "ran": state["pwned"] or alert is not None, "alert": alert,
            "scripts": state["scripts"], "handlers": state["handlers"], "unsafe_links": state["unsafe"],
            "console": console[:5], "requests": requests[:5], "invisible": invisible,
            "shown": [payload for payload in PAYLOADS if payload in text]}


def main():
    out, pages = sys.argv[1], sys.argv[2:]
    controls = []
    for name, head in (("control-open.html", ""),
                       ("control-csp.html", f"<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">")):
        path = os.path.join(out, name)
        with open(path, "w") as f:
            f.write(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}<title>control</title></head><body>{CONTROL}</body></html>")
        controls.append(path)
    browser = driver(leave_dialogs_open=True)
    try:
        for page in controls + pages:
            print(json.dumps(check(browser, page)), flush=True)
    finally:
        browser.quit()


main()

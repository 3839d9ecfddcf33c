"""What the browser checks share: a headless Chromium through chromedriver (Debian's
chromium and chromium-driver, as .ci/run installs them) that keeps its console and
network logs, and readers for those logs."""
import json

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def driver(leave_dialogs_open=False):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if leave_dialogs_open:
        # So a check can see a dialog a page opened.
        options.set_capability("unhandledPromptBehavior", "ignore")
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def console_problems(browser):
    """The console's errors and warnings since the last call (where Chromium reports a
    blocked load or script, a CSP violation)."""
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def requests_besides(browser, url):
    """Every network request since the last call, but the page's own."""
    requests = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested = message["params"]["request"]["url"]
            if requested != url:
                requests.append(requested)
    return requests

"""Screenshots of the main pages, for looking at the portal as a user does.

Usage: python scripts/screenshots.py [base_url] [out_dir]   (the portal must be running)
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
PAGES = {
    "koordinator-skien": [
        "/",
        "/sentraler/",
        "/sentraler/frogner/",
        "/sentraler/frogner/rediger/",
        "/moter/",
        "/moter/1/",
        "/moter/1/rediger/",
    ],
    "leder-gulset": ["/", "/sentraler/gulset/rediger/"],
}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def main():
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for username, paths in PAGES.items():
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{BASE}/konto/logg-inn/")
            page.fill("#id_username", username)
            page.fill("#id_password", "demo")
            page.click("button[type=submit]")
            for path in paths:
                page.goto(BASE + path)
                name = f"{username}{path.replace('/', '_')}.png"
                page.screenshot(path=OUT / name, full_page=True)
                print(OUT / name)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()

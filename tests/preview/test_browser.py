"""``sectorial preview`` in a real headless Chromium (Debian's, through its ChromeDriver):
open the page, edit a value in the data, see the new figure appear; break the data, see the
error on the page above the last good pages; Ctrl-C ends the server."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from mini import make_project

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture
def browser(tmp_path):
    if not (CHROMIUM and DRIVER):
        pytest.fail("faltan chromium y chromium-driver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # as root, in a closed network: no sandbox, no background connections
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic",
                 f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def preview(tmp_path):
    brief = make_project(tmp_path / "proyecto")
    process = subprocess.Popen([sys.executable, "-m", "sectorial", "preview", str(brief),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = None
        while url is None:
            line = process.stdout.readline()
            assert line, process.stderr.read()
            if found := re.search(r"http://127\.0\.0\.1:\d+/", line):
                url = found[0]
        yield process, url, tmp_path / "proyecto" / "data" / "empresas.csv"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def settled(read):
    """``read`` again while the page reloads under it (a stale element, a page being
    replaced: the browser's answer to a question asked mid-reload)."""
    def again(driver):
        for _ in range(50):
            try:
                return read(driver)
            except WebDriverException:
                time.sleep(0.1)
        return read(driver)
    return again


@settled
def _alts(driver) -> list[str]:
    return [img.get_attribute("alt") or "" for img in driver.find_elements(By.TAG_NAME, "img")]


def shows(driver, wanted: str) -> bool:
    return any(wanted in text for text in _alts(driver))


@settled
def error_on_page(driver) -> str:
    found = driver.find_elements(By.CSS_SELECTOR, "pre.error")
    return found[0].text if found else ""


def until(driver, check, seconds: float = 20):
    WebDriverWait(driver, seconds, poll_frequency=0.1,
                  ignored_exceptions=(WebDriverException,)).until(check)


def test_an_edited_value_appears_in_the_open_page(browser, preview):
    process, url, data = preview
    browser.get(url)
    until(browser, lambda d: shows(d, "180 empresas"))  # Cusco 120 + Junín 60 in 2024
    assert "· vista previa" in browser.title
    data.write_text(data.read_text("utf-8").replace("2024,Junín,60", "2024,Junín,75"), "utf-8")
    until(browser, lambda d: shows(d, "195 empresas"))
    assert not shows(browser, "180 empresas")
    data.write_text(data.read_text("utf-8").replace("2024,Junín,75", "2024,Junín,setenta"),
                    "utf-8")
    until(browser, lambda d: "fila 7, columna 'empresas'" in error_on_page(d))
    assert "setenta" in error_on_page(browser) and "Qué hacer" in error_on_page(browser)
    assert shows(browser, "195 empresas")  # the last good pages stay under the error
    assert "Se muestran las últimas páginas correctas." in settled(
        lambda d: d.page_source)(browser)
    data.write_text(data.read_text("utf-8").replace("setenta", "80"), "utf-8")
    until(browser, lambda d: shows(d, "200 empresas") and not error_on_page(d))
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0 and "vista previa terminada" in out


def test_the_page_keeps_its_place_when_it_reloads(browser, preview):
    process, url, data = preview
    browser.set_window_size(1000, 700)
    browser.get(url)
    until(browser, lambda d: shows(d, "180 empresas"))
    browser.execute_script("window.scrollTo(0, 900)")
    time.sleep(0.3)
    data.write_text(data.read_text("utf-8").replace("2024,Junín,60", "2024,Junín,61"), "utf-8")
    until(browser, lambda d: shows(d, "181 empresas"))
    until(browser, lambda d: d.execute_script("return window.scrollY") > 800)

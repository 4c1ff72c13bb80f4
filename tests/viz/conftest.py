"""Fixtures of the viz tests: the fixture graph in a fresh store, and headless Chromium."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from vizfixtures import fill_store

from sanctions_graph.store import EmbeddedStore


@pytest.fixture
def fixture_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An on-disk store holding the fixture graph, one named graph per document."""
    store = EmbeddedStore(tmp_path / "store")
    fill_store(store)
    yield store
    store.close()


# -------------------------------------------------------------------------------------------
# headless Chromium, network blocked
# -------------------------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium driven by selenium, with a fresh profile and no network.

    Every proxy-able request goes to 127.0.0.1:9 (nothing listens there), loopback included
    (``<-loopback>``), and background services are off; the tests also read the DevTools
    ``Network`` log to prove the page asked for nothing but itself.
    """
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("headless Chromium is not installed (Debian: chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--window-size=1400,1000",
        "--force-device-scale-factor=1",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def requested_urls(driver: Any) -> list[str]:
    """URLs the page requested since the log was last read (DevTools Network events)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def open_page(driver: Any, path: Path, timeout: float = 20.0) -> list[str]:
    """Load ``path`` and wait until vis-network has drawn; return the URLs the page requested."""
    driver.get("about:blank")
    driver.get_log("performance")  # drop what came before this page
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = driver.execute_script(
            "return window.sgView ? [window.sgView.ready, window.sgView.error] : [false, null]"
        )
        if state[1]:
            raise AssertionError(f"page error: {state[1]}")
        if state[0]:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the network was not drawn in time")
    # Let the layout settle (physics is switched off once stabilised).
    driver.execute_script("window.sgView.network.stopSimulation();")
    return requested_urls(driver)

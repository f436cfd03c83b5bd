"""The admin console in a real browser (headless Chromium from Debian, driven by Selenium through
Debian's chromedriver; nothing downloaded) against a real `conduit serve`, on the embedded default
(SQLite, in-process cache) and on PostgreSQL + Redis.

The journey: an admin signs in, finds a user and bans them; a moderator deletes an article with a
reason and sees it in the audit log; a moderator cannot change roles. Every step uses the keyboard
or plain links and forms: the console has no JavaScript.

With CONDUIT_SCREENSHOTS=<dir>, the test also saves the README's screenshots there.
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import CHEAP_HASHING, TEST_SECRET
from tests.e2e.admin_console import STAFF_PASSWORD
from tests.redis_helpers import free_port

CONDUIT = Path(sys.executable).parent / "conduit"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER and CONDUIT.exists())
    and not os.environ.get("CONDUIT_TEST_REQUIRE_SERVICES"),
    reason="needs Debian's chromium and chromium-driver (.ci/run installs them) and the conduit script",
)


@pytest.fixture
def browser() -> Iterator["webdriver.Chrome"]:
    assert CHROMIUM and CHROMEDRIVER, "install Debian's chromium and chromium-driver (see .ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(argument)
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a browser or a driver
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(params=["embedded", "postgres-redis"])
def server_env(request: pytest.FixtureRequest, tmp_path, cache_prefix: str) -> dict[str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CONDUIT_", "PROMETHEUS_"))},
        "CONDUIT_DATA_DIR": str(tmp_path),
        "CONDUIT_SECRET_KEY": TEST_SECRET,
        **{f"CONDUIT_{name.upper()}": str(value) for name, value in CHEAP_HASHING.items()},
    }
    if request.param == "postgres-redis":
        env["CONDUIT_DATABASE_URL"] = request.getfixturevalue("postgres_url")
        env["CONDUIT_REDIS_URL"] = request.getfixturevalue("redis_url")
        env["CONDUIT_CACHE_PREFIX"] = cache_prefix
    return env


@pytest.fixture
def server(server_env: dict[str, str], tmp_path) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen(
        [str(CONDUIT), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{base}/health/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not become ready"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def conduit(env: dict[str, str], *args: str) -> None:
    """The operator's CLI, as the README shows it (how the first admin is made)."""
    subprocess.run([str(CONDUIT), *args], env=env, check=True, capture_output=True, timeout=60)


def until(browser, condition: Callable[[Any], Any]) -> Any:
    """Wait for the next page: a click or Enter returns before the browser has loaded it."""
    return WebDriverWait(browser, 20, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def heading(browser, starts: str) -> None:
    until(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith(starts))


def notice(browser, text: str) -> None:
    until(browser, lambda d: text in d.find_element(By.CSS_SELECTOR, ".notice").text)


def search(browser, field: str, text: str) -> None:
    browser.find_element(By.ID, field).send_keys(text, Keys.ENTER)
    until(browser, lambda d: f"{field}=" in d.current_url)


def sign_in(browser, base: str, email: str, password: str) -> None:
    browser.get(f"{base}/admin")  # not signed in: the sign-in page
    assert browser.current_url.startswith(f"{base}/admin/login")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password, Keys.ENTER)  # submitted from the keyboard
    heading(browser, "Dashboard")


def submit_form(browser, reason: str) -> None:
    browser.find_element(By.ID, "reason").send_keys(reason)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def take_screenshots(browser, base: str, folder: Path) -> None:
    """The README's pictures, on the seeded demo data (embedded database only)."""
    browser.get(f"{base}/admin")
    browser.save_screenshot(str(folder / "admin-dashboard.png"))
    browser.get(f"{base}/admin/articles")
    author = browser.find_element(By.CSS_SELECTOR, "tbody tr td:nth-child(2) a").text
    browser.get(f"{base}/admin/users/{author}")
    browser.save_screenshot(str(folder / "admin-user.png"))


def test_admin_and_moderator_journey(browser, server: str, server_env: dict[str, str]) -> None:
    run = secrets.token_hex(3)  # the PostgreSQL database is shared with other tests: names of this run
    root, mod, jake, jane = (f"{name}{run}" for name in ["root", "mod", "jake", "jane"])
    conduit(
        server_env,
        "users",
        "create",
        root,
        "--email",
        f"{root}@example.com",
        "--password",
        STAFF_PASSWORD,
        "--role",
        "admin",
    )
    conduit(
        server_env,
        "users",
        "create",
        mod,
        "--email",
        f"{mod}@example.com",
        "--password",
        "mod-pass1",
        "--role",
        "moderator",
    )
    tokens = {}
    for name in [jake, jane]:
        body = {"user": {"username": name, "email": f"{name}@example.com", "password": STAFF_PASSWORD}}
        tokens[name] = httpx.post(f"{server}/api/users", json=body).json()["user"]["token"]
    article = {
        "article": {"title": f"Cheap watches {run}", "description": "buy", "body": "now", "tagList": ["spam"]}
    }
    slug = httpx.post(
        f"{server}/api/articles", json=article, headers={"Authorization": f"Token {tokens[jane]}"}
    ).json()["article"]["slug"]
    shots = os.environ.get("CONDUIT_SCREENSHOTS")

    # An admin signs in, finds a user, bans them.
    shots = shots if "CONDUIT_DATABASE_URL" not in server_env else None
    if shots:  # demo data, before the dashboard first counts (it keeps its counts a few seconds)
        conduit(server_env, "seed", "--users", "24", "--articles", "60")
    sign_in(browser, server, f"{root}@example.com", STAFF_PASSWORD)
    if shots:
        take_screenshots(browser, server, Path(shots))
    browser.find_element(By.LINK_TEXT, "Users").click()
    heading(browser, "Users")
    search(browser, "q", jake)
    browser.find_element(By.LINK_TEXT, jake).click()
    heading(browser, jake)
    browser.find_element(By.LINK_TEXT, "Ban").click()
    heading(browser, f"Ban {jake}")
    submit_form(browser, "spam links")
    notice(browser, "Account banned")
    me = httpx.get(f"{server}/api/user", headers={"Authorization": f"Token {tokens[jake]}"})
    assert me.status_code == 401  # the ban ended the API session at once
    browser.find_element(By.CSS_SELECTOR, ".signout button").click()
    until(browser, lambda d: d.current_url.endswith("/admin/login"))

    # A moderator deletes an article with a reason and sees it in the audit log.
    sign_in(browser, server, f"{mod}@example.com", "mod-pass1")
    assert not browser.find_elements(By.LINK_TEXT, "Cache")
    browser.find_element(By.LINK_TEXT, "Articles").click()
    heading(browser, "Articles")
    search(browser, "title", f"watches {run}")
    browser.find_element(By.LINK_TEXT, f"Cheap watches {run}").click()
    heading(browser, f"Cheap watches {run}")
    browser.find_element(By.LINK_TEXT, "Delete article").click()
    heading(browser, "Delete")
    submit_form(browser, "advertising")
    notice(browser, "Article deleted")
    assert httpx.get(f"{server}/api/articles/{slug}").status_code == 404
    browser.find_element(By.LINK_TEXT, "Audit log").click()
    heading(browser, "Audit log")
    search(browser, "actor", mod)
    rows = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert any(f"article:{slug}" in row and "advertising" in row and "article.delete" in row for row in rows)

    # A moderator cannot change roles: no such action is shown, and the form's address is refused.
    browser.get(f"{server}/admin/users/{jane}")
    assert browser.find_elements(By.LINK_TEXT, "Ban") and not browser.find_elements(
        By.LINK_TEXT, "Change role"
    )
    browser.get(f"{server}/admin/users/{jane}/role")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not allowed"

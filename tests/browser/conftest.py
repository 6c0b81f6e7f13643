"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

One Chromium per session, a fresh browser context (cookies, storage) per test. Chromium is
/usr/bin/chromium (apt-get install chromium), or KANMIN_CHROMIUM. Without it the tests are
skipped, unless KANMIN_REQUIRE_BROWSER=1 (set by bin/run-tests when CI=true): then they fail.

Data is made through the service functions, as a site administrator, in transactional tests:
the live server answers from another thread, which on PostgreSQL has its own connection and
sees only committed rows. Each transactional test empties the tables afterwards, including the
reference rows (licences, categories) of the data migration, so the site fixture puts those
back first (cheaper than serialized_rollback, which re-inserts every table row by row).
"""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread, and Django refuses database access
# from a thread with a running loop unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("KANMIN_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps calling home, which on a closed
# network only produces noise and delays.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password

# Every browser test may use the database from the live server's thread.
BROWSER_DB = pytest.mark.django_db(transaction=True)


def _require_browser() -> bool:
    return os.environ.get("KANMIN_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; skips (or, with KANMIN_REQUIRE_BROWSER=1, fails) when absent."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = (f"browser tests need Chromium at {CHROMIUM} "
               "(apt-get install chromium, or set KANMIN_CHROMIUM)")
    if _require_browser():
        pytest.fail(message + "; KANMIN_REQUIRE_BROWSER=1 makes this a failure", pytrace=False)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _needs_chromium(chromium_path):
    """Skip (or fail) before any data is made when there is no browser."""


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS,
        )
        yield instance
        instance.close()


@dataclass
class Recorder:
    """What a browser context did: every request URL, console errors and page errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        """Listen to a page."""
        def on_console(message) -> None:
            if message.type == "error":  # includes CSP violations ("Refused to ...")
                self.console_errors.append(message.text)

        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))


@dataclass
class Browsing:
    """A browser context on the live server, with what it recorded."""

    context: object
    page: object
    recorder: Recorder
    base_url: str


@pytest.fixture
def open_context(browser, live_server):
    """Open browser contexts on the live server; all are closed after the test.

    open_context(java_script_enabled=False) gives a context with JavaScript off.
    """
    opened = []

    def open_(**options) -> Browsing:
        options.setdefault("locale", "ja-JP")
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.set_default_timeout(30_000)  # generous: CI machines can be busy
        opened.append(context)
        recorder = Recorder()
        page = context.new_page()
        recorder.attach(page)
        return Browsing(context=context, page=page, recorder=recorder, base_url=live_server.url)

    yield open_
    for context in opened:
        context.close()


@pytest.fixture
def browsing(open_context) -> Browsing:
    """A fresh context with JavaScript on."""
    return open_context()


@pytest.fixture
def page(browsing):
    """A fresh page in a fresh context."""
    return browsing.page


def same_origin(url: str, base_url: str) -> bool:
    """True when url is on the origin of base_url (data: URLs count as local)."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    a, b = urlsplit(url), urlsplit(base_url)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


# --- accessibility ------------------------------------------------------------------------

def format_violations(violations: list[dict]) -> str:
    """axe violations as readable lines: rule id, impact, help, and each failing node."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v.get("nodes", []):
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"       {summary[:400]}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_engine():
    """axe-core as shipped by axe-playwright-python."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe(axe_engine):
    """axe(page): assert that axe-core finds no WCAG 2.1 A/AA violation on the page."""

    def check(page, context=None) -> None:
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS},
                   "resultTypes": ["violations"]}
        results = axe_engine.run(page, context=context, options=options)
        violations = results.response["violations"]
        assert not violations, (
            f"axe found {len(violations)} violation(s) on {page.url} "
            f"(title {page.title()!r}):\n{format_violations(violations)}"
        )

    return check


# --- data -----------------------------------------------------------------------------------

def _upload(data: bytes, name: str):
    stream = io.BytesIO(data)
    stream.name = name
    return stream


@dataclass
class Site:
    """The data every browser test sees: two towns, datasets, an editor with an authenticator."""

    org: object
    other_org: object
    parks: object  # published, CSV with two versions plus a JSON resource
    aed: object
    toilets: object  # in other_org, JSON
    editor: object
    device: object

    def totp_code(self) -> str:
        """The editor's current 6-digit code, as an authenticator app would show it."""
        from django_otp.oath import TOTP

        device = self.device
        device.refresh_from_db()
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        if totp.t() <= device.last_t:
            # A code is accepted once: a second login in the same 30 s window types the next
            # step's code, which the server accepts within its tolerance of one step.
            totp.time += device.step * (device.last_t + 1 - totp.t())
        return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def site(transactional_db, settings, tmp_path) -> Site:
    """Organisations, published datasets with resources and versions, and an editor with TOTP."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from catalog.models import Category, Licence, StandardDataset
    from catalog.reference import load_reference_data
    from catalog.services import (
        DatasetData,
        ResourceData,
        add_resource,
        create_dataset,
        publish_dataset,
        replace_resource_file,
    )
    from core.actor import Actor
    from core.models import Role
    from core.services.organisations import (
        create_department,
        create_organisation,
        set_membership,
    )
    from tests.factories import UserFactory

    if not Licence.objects.exists():
        load_reference_data(Licence, Category, StandardDataset)
    settings.MEDIA_ROOT = tmp_path / "files"
    # PBKDF2 costs most of a second per hash; the login flow is the same with a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    admin = UserFactory(username="browser-siteadmin", is_superuser=True, is_staff=True)
    who = Actor(user=admin, ip="127.0.0.1")

    org = create_organisation(actor=who, slug="browser-city", name="ブラウザ市",
                              name_en="Browser City", name_kana="ぶらうざし", lgcode="13590",
                              website="https://www.example.jp/")
    other = create_organisation(actor=who, slug="sample-town", name="サンプル町",
                                name_en="Sample Town", lgcode="13591", is_fictional=True)
    dept = create_department(actor=who, organisation=org, name="みどり公園課",
                             name_en="Parks Division")

    parks = create_dataset(actor=who, organisation=org, data=DatasetData(
        slug="city-parks", title="市内の都市公園一覧", title_en="City parks",
        description="市が管理する**都市公園**の名称、所在地、面積です。\n\n- 毎年4月に更新",
        tags=["公園", "緑地"], categories=["facilities", "environment"], licence="cc-by-4.0",
        department=dept.pk, contact_name="みどり公園課", contact_email="parks@example.jp",
        spatial="ブラウザ市全域",
    ))
    csv = add_resource(actor=who, dataset=parks, data=ResourceData(name="公園一覧"),
                       upload=_upload("名称,所在地,面積\n中央公園,本町1,1200\n".encode(),
                                      "parks.csv"))
    replace_resource_file(actor=who, resource=csv,
                          upload=_upload("名称,所在地,面積\n中央公園,本町1,1250\n"
                                         "駅前公園,駅前2,300\n".encode(), "parks.csv"))
    add_resource(actor=who, dataset=parks, data=ResourceData(name="公園の位置", format="JSON"),
                 upload=_upload(b'{"parks": [{"name": "central", "lat": 35.0}]}', "parks.json"))
    publish_dataset(actor=who, dataset=parks)

    aed = create_dataset(actor=who, organisation=org, data=DatasetData(
        slug="aed-locations", title="AED設置場所", tags=["AED", "防災"],
        categories=["health"], licence="cc-by-4.0"))
    add_resource(actor=who, dataset=aed, data=ResourceData(name="AED一覧"),
                 upload=_upload("施設名,住所\n市役所,本町1\n".encode(), "aed.csv"))
    publish_dataset(actor=who, dataset=aed)

    toilets = create_dataset(actor=who, organisation=other, data=DatasetData(
        slug="park-toilets", title="公園トイレの位置", tags=["公園"],
        categories=["facilities"], licence="cc0-1.0"))
    add_resource(actor=who, dataset=toilets, data=ResourceData(name="トイレ", format="JSON"),
                 upload=_upload(b'[{"name": "toilet"}]', "toilets.json"))
    publish_dataset(actor=who, dataset=toilets)

    editor = UserFactory(username="browser-editor")
    set_membership(actor=who, organisation=org, user=editor, role=Role.ADMIN)  # admin: also sees the harvest pages
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)

    for d in (parks, aed, toilets):
        d.refresh_from_db()
    return Site(org=org, other_org=other, parks=parks, aed=aed, toilets=toilets,
                editor=editor, device=device)


# --- pages ----------------------------------------------------------------------------------

def goto(page, path: str, status: int = 200):
    """Open a path on the live server and check the HTTP status."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
    return response


def log_in(page, site: Site, *, code: str | None = None, password: str = PASSWORD,
           next_path: str | None = None):
    """Log in as the editor through the real form, typing the current TOTP code."""
    goto(page, "/staff/login/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("ユーザー名").fill(site.editor.username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_label("確認コード").fill(site.totp_code() if code is None else code)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン", exact=True).click()


def submit_empty_dataset_form(page):
    """Submit the new-dataset form with nothing filled in (validation errors expected)."""
    with page.expect_navigation() as navigation:
        page.locator("main form.form").get_by_role("button", name="作成する").click()
    response = navigation.value
    assert response is not None and response.status == 400, "the invalid form should answer 400"
    return response


def _home(page, site):
    return goto(page, "/")


def _search_query(page, site):
    return goto(page, "/dataset/?q=公園")


def _search_facets(page, site):
    return goto(page, "/dataset/?q=公園&organization=browser-city&format=CSV")


def _dataset(page, site):
    return goto(page, f"/dataset/{site.parks.slug}/")


def _organisation(page, site):
    return goto(page, f"/organization/{site.org.slug}/")


def _organisation_list(page, site):
    return goto(page, "/organization/")


def _login(page, site):
    return goto(page, "/staff/login/")


def _login_failed(page, site):
    goto(page, "/staff/login/")
    page.get_by_label("ユーザー名").fill(site.editor.username)
    page.get_by_label("パスワード").fill("not the password")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="ログイン", exact=True).click()
    return navigation.value


def _not_found(page, site):
    return goto(page, "/no-such-page/", status=404)


def _staff_form(page, site):
    log_in(page, site)
    return goto(page, "/staff/datasets/new/")


def _staff_form_errors(page, site):
    _staff_form(page, site)
    return submit_empty_dataset_form(page)


def _api_docs(page, site):
    return goto(page, "/api/v1/docs")


def _staff_harvest_list(page, site):
    log_in(page, site)
    return goto(page, "/staff/harvest/")


def _staff_harvest_form_errors(page, site):
    log_in(page, site)
    goto(page, "/staff/harvest/new/")
    with page.expect_navigation() as navigation:
        page.locator("main form.form button[type=submit]").last.click()
    return navigation.value


# name -> how to get there. Every page a resident or an editor meets in the flows above.
PAGES = {
    "home": _home,
    "search-japanese-query": _search_query,
    "search-with-facets": _search_facets,
    "dataset": _dataset,
    "organisation": _organisation,
    "organisation-list": _organisation_list,
    "login": _login,
    "login-failed": _login_failed,
    "404": _not_found,
    "staff-dataset-form": _staff_form,
    "staff-dataset-form-errors": _staff_form_errors,
    "api-docs": _api_docs,
    "staff-harvest-list": _staff_harvest_list,
    "staff-harvest-form-errors": _staff_harvest_form_errors,
}


# --- tabular pages (tests/browser/test_tabular_pages.py) --------------------------------------

TABULAR_SLUG = "browser-aed-map"
TABULAR_CSV = "\n".join(
    ["名称,住所,緯度,経度,設置位置"]
    + [f"施設{i:02d},ブラウザ市本町{i}丁目,{35.68 + i / 500:.6f},{139.76 + i / 500:.6f},1階受付"
       for i in range(1, 61)]
) + "\n"


def tabular_resource(site):
    """A published table with coordinates, ingested as the job would (made once per test)."""
    from catalog.models import Dataset
    from catalog.services import (
        DatasetData,
        ResourceData,
        add_resource,
        create_dataset,
        publish_dataset,
    )
    from core.actor import Actor
    from tabular.models import Ingestion
    from tabular.services import run_ingestion

    existing = Dataset.objects.filter(slug=TABULAR_SLUG).first()
    if existing is not None:
        return existing.resources.get()
    who = Actor(user=site.editor, ip="127.0.0.1")
    dataset = create_dataset(actor=who, organisation=site.org, data=DatasetData(
        slug=TABULAR_SLUG, title="AED設置場所（地図）", title_en="AED locations (map)",
        licence="cc-by-4.0"))
    resource = add_resource(actor=who, dataset=dataset, data=ResourceData(name="AED一覧"),
                            upload=_upload(TABULAR_CSV.encode("cp932"), "aed.csv"))
    publish_dataset(actor=who, dataset=dataset)
    resource.refresh_from_db()
    ingestion = Ingestion.objects.get(version=resource.current_version)
    run_ingestion(ingestion)
    assert ingestion.state == Ingestion.State.READY, (ingestion.error_code, ingestion.error_ja)
    return resource


def tabular_url(site, suffix: str = "") -> str:
    """The table page of the tabular resource (or one of its sub-pages)."""
    resource = tabular_resource(site)
    return f"/dataset/{TABULAR_SLUG}/resource/{resource.pk}/table/{suffix}"


def _table(page, site):
    return goto(page, tabular_url(site))


def _table_report(page, site):
    return goto(page, tabular_url(site, "report/"))


def _staff_check(page, site):
    log_in(page, site)
    return goto(page, "/staff/check/")


def _staff_check_result(page, site):
    _staff_check(page, site)
    page.locator("input[name=file]").set_input_files(
        {"name": "aed.csv", "mimeType": "text/csv", "buffer": TABULAR_CSV.encode("cp932")})
    with page.expect_navigation() as navigation:
        page.locator("main form.form button[type=submit]").click()
    response = navigation.value
    assert response is not None and response.status == 200, "the check should succeed"
    return response


PAGES.update({
    "table": _table,
    "table-report": _table_report,
    "staff-check": _staff_check,
    "staff-check-result": _staff_check_result,
})

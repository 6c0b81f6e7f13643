"""Every page has a language, one h1, a skip link to the content, a unique title, a strict CSP,
loads its stylesheet, logs no error and asks nothing of another origin.

Each test tours all the pages of conftest.PAGES in one browser context (anonymous pages first,
then the editor's) and reports every page that fails, not only the first.
"""

import re

import pytest

from tests.browser.conftest import BROWSER_DB, PAGES, same_origin

pytestmark = [pytest.mark.browser, BROWSER_DB]


def tour(browsing, site, check) -> list[str]:
    """Visit every page in one context; check(name, response) returns a list of problems."""
    problems = []
    for name, visit in PAGES.items():
        browsing.recorder.requests.clear()
        browsing.recorder.console_errors.clear()
        response = visit(browsing.page, site)
        browsing.page.wait_for_load_state("load")
        problems += [f"{name} ({browsing.page.url}): {p}" for p in check(name, response)]
    return problems


def test_every_page_has_a_language_exactly_one_h1_and_a_nonempty_title(browsing, site):
    page = browsing.page

    def check(name, response):
        lang = page.locator("html").get_attribute("lang")
        if not (lang and re.fullmatch(r"[a-z]{2}(-[A-Za-z0-9]+)*", lang)):
            yield f"<html lang={lang!r}>"
        h1s = page.locator("h1")
        if h1s.count() != 1:
            yield f"{h1s.count()} h1 elements"
        elif not h1s.inner_text().strip():
            yield "the h1 is empty"
        title = page.title().strip()
        if not title.split(" | ")[0].strip():
            yield f"the page's own part of the title is empty: {title!r}"

    problems = tour(browsing, site, lambda n, r: list(check(n, r)))
    assert not problems, "\n".join(problems)


SKIP_LINK_PROBE = """() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return {tag: el.tagName, href: el.getAttribute('href'), text: el.textContent.trim(),
            onScreen: r.width > 1 && r.height > 1 && r.left >= 0 && r.top >= 0
                      && r.right <= window.innerWidth && r.bottom <= window.innerHeight};
}"""


def test_the_skip_link_is_the_first_focusable_element_and_moves_focus_to_main(browsing, site):
    page = browsing.page

    def check(name, response):
        # Tab from the top of the document, as after loading a page (a page may have moved
        # focus on load, as the invalid form does to its error summary).
        page.evaluate("document.body.setAttribute('tabindex', '-1'); document.body.focus()")
        page.keyboard.press("Tab")
        page.evaluate("document.body.removeAttribute('tabindex')")
        focused = page.evaluate(SKIP_LINK_PROBE)
        if focused["tag"] != "A" or focused["href"] != "#main":
            return [f"the first Tab focuses {focused}, not a link to #main"]
        problems = []
        if not focused["text"]:
            problems.append("the skip link has no text")
        if not focused["onScreen"]:
            problems.append("the focused skip link is not on screen")
        page.keyboard.press("Enter")
        active = page.evaluate("document.activeElement.id")
        if active != "main":
            problems.append(f"after following the skip link the focus is on #{active}, not #main")
        return problems

    problems = tour(browsing, site, check)
    assert not problems, "\n".join(problems)


def test_page_titles_are_unique(browsing, site):
    titles: dict[str, list[str]] = {}

    def check(name, response):
        titles.setdefault(browsing.page.title().strip(), []).append(name)
        return []

    tour(browsing, site, check)
    # A search narrowed by facets is the same search: its title may repeat the query's.
    same_search = {"search-japanese-query", "search-with-facets"}
    duplicates = {title: names for title, names in titles.items()
                  if len(names) > 1 and set(names) != same_search}
    assert not duplicates, f"pages share a title: {duplicates}"


def test_no_page_requests_anything_from_another_origin(browsing, site):
    def check(name, response):
        requests = browsing.recorder.requests
        if not requests:
            return ["no request was recorded"]
        return [f"request to {url}" for url in requests
                if not same_origin(url, browsing.base_url)]

    problems = tour(browsing, site, check)
    assert not problems, "requests left the site:\n" + "\n".join(problems)


def test_every_page_sends_a_content_security_policy_without_unsafe_inline(browsing, site):
    def check(name, response):
        csp = response.headers.get("content-security-policy", "")
        if not csp:
            return ["no Content-Security-Policy header"]
        if "unsafe-inline" in csp or "unsafe-eval" in csp:
            return [f"CSP allows inline code: {csp}"]
        if "script-src 'self'" not in csp and "default-src 'self'" not in csp:
            return [f"CSP does not limit scripts to the site: {csp}"]
        return []

    problems = tour(browsing, site, check)
    assert not problems, "\n".join(problems)


def test_no_page_logs_a_console_error_or_a_csp_violation(browsing, site):
    # The 404 page and the invalid form answer 4xx on purpose, and Chromium logs that status.
    expected = "Failed to load resource: the server responded with a status of 4"

    def check(name, response):
        return [e for e in browsing.recorder.console_errors if expected not in e]

    problems = tour(browsing, site, check)
    assert not problems, "\n".join(problems)


def test_the_stylesheet_is_served_and_applied(page, site):
    stylesheets = []
    page.on("response", lambda r: r.url.endswith(".css") and stylesheets.append(r))
    PAGES["home"](page, site)
    page.wait_for_load_state("load")
    assert stylesheets, "no stylesheet was requested"
    css = stylesheets[0]
    assert css.status == 200, f"{css.url}: HTTP {css.status}"
    assert css.headers.get("content-type", "").startswith("text/css")
    rules = page.evaluate(
        "Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)")
    assert rules > 10, "the stylesheet has no rules applied"
    # The skip link is off-screen until focused: true only when the CSS is applied.
    box = page.locator("a.skip-link").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0, \
        f"the skip link is on screen without focus: {box}"

"""The leadership dashboard in a real browser: Chart.js from the vendored assets draws the
progress chart over its table, with no JavaScript error, and a figure leads to its list."""

import re

import pytest

from tests.adoption.test_dashboard import build_figures
from tests.browser import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHART_JS = "/static/vendor/chartjs/chart.umd.min.js"


def watch_chart_js(page) -> list:
    loaded = []
    page.on(
        "response",
        lambda response: loaded.append(response.status) if CHART_JS in response.url else None,
    )
    return loaded


def wait_for_chart(page):
    page.wait_for_function("() => window.Chart && window.Chart.getChart('progress-chart')")
    return page.evaluate(
        "() => Chart.getChart('progress-chart').data.datasets.map(d => [d.type, d.data])"
    )


def test_dashboard_chart_table_and_links(new_page, province, at_state):
    figures = build_figures(province, at_state)
    page = new_page(province.leader)
    loaded = watch_chart_js(page)
    page.goto("/dashboard/")
    datasets = wait_for_chart(page)
    assert loaded == [200], "Chart.js must come from the project's own static files"
    assert datasets == [["line", [1, 1, 3]], ["bar", [1, 0, 2]]]
    canvas = page.locator("#progress-chart")
    assert canvas.is_visible() and canvas.get_attribute("data-rendered") == "true"
    box = canvas.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    # The table fallback stays on the page with the same figures.
    table = page.locator("#progress-table")
    assert table.is_visible()
    assert table.locator("tbody tr").all_inner_texts() == [
        "01/2025\t1\t1",
        "02/2025\t0\t1",
        "03/2025\t2\t3",
    ]
    assert page.locator('[data-figure="coverage_percent"]').inner_text() == "42,9%"
    assert page.locator("#matrix .adoption-status").count() == 7
    assert page.js_errors == []
    screenshot(page, "70-dashboard")

    # A figure leads to the list behind it.
    page.locator('[data-figure="overdue"]').click()
    page.wait_for_url(re.compile(r"/dashboard/adoptions/\?overdue=1$"))
    assert page.locator(".record-row").count() == 2
    assert page.locator("#record-count").inner_text() == "2"
    assert page.js_errors == []

    page.goto(f"/dashboard/initiatives/{figures.i1.pk}/")
    assert wait_for_chart(page) == [["line", [1, 1, 2]], ["bar", [1, 0, 1]]]
    assert page.locator('[data-figure="coverage_percent"]').inner_text() == "50,0%"
    assert page.locator("#expectation").is_visible()
    assert page.locator("#progress-table").is_visible()
    assert page.js_errors == []
    screenshot(page, "71-dashboard-initiative")

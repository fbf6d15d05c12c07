"""The decisions page's "Rolling out" list shows how many agencies each initiative is rolled
out to: workflow owns the page, adoption adds the column through its hooks (DESIGN §3)."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from adoption.models import Adoption

pytestmark = pytest.mark.django_db


def text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def rollout_rows(client) -> dict[str, str]:
    """{title: the "Adopting agencies" cell} of the decisions page's rollout table."""
    with translation.override("en"):
        page = client.get(reverse("workflow:decisions"), HTTP_ACCEPT_LANGUAGE="en")
    table = page.content.decode().split('id="rollout-list"', 1)[1].split("</table>", 1)[0]
    head = [text(th) for th in re.findall(r"<th\b.*?</th>", table, re.S)]
    assert "Adopting agencies" in head
    column = head.index("Adopting agencies")
    rows = {}
    for row in re.findall(r'<tr class="rollout-row">(.*?)</tr>', table, re.S):
        cells = [text(td) for td in re.findall(r"<td\b.*?</td>", row, re.S)]
        rows[cells[1]] = cells[column]
    return rows


def test_each_initiative_in_rollout_shows_its_adopting_agencies(
    client, province, at_state, django_assert_max_num_queries
):
    first = at_state("rollout", title="Một cửa điện tử")
    second = at_state("rollout", title="Hẹn giờ trả kết quả")
    Adoption.objects.filter(initiative=second).order_by("pk").first().delete()

    client.force_login(province.leader)
    with django_assert_max_num_queries(15):  # as many as the page without the column
        rows = rollout_rows(client)

    assert rows == {
        first.title: str(Adoption.objects.filter(initiative=first).count()),
        second.title: str(Adoption.objects.filter(initiative=second).count()),
    }
    assert rows[first.title] != rows[second.title]

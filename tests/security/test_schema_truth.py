"""Audit finding 12: the OpenAPI schema tells the truth about what the API does."""

import pytest
import yaml

from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def _ok_schema(operation):
    code = "201" if "201" in operation["responses"] else "200"
    return operation["responses"][code]["content"]["application/json"]["schema"]


def test_no_put_on_a_dossier_in_the_schema_nor_in_the_api(schema, draft, province, api):
    assert "put" not in schema["paths"]["/api/v1/initiatives/{id}/"]
    assert "patch" in schema["paths"]["/api/v1/initiatives/{id}/"]
    with nothing_changes(draft, draft.authors.all()):
        response = api(province.staff).put(f"/api/v1/initiatives/{draft.pk}/", {}, format="json")
    assert response.status_code == 405


@pytest.mark.parametrize(
    "path", ["/api/v1/initiatives/{id}/history/", "/api/v1/initiatives/{id}/adoptions/"]
)
def test_plain_lists_are_documented_as_plain_lists(path, schema, at_state, province, api):
    operation = schema["paths"][path]["get"]
    assert _ok_schema(operation)["type"] == "array"
    assert "page" not in {p["name"] for p in operation.get("parameters", [])}
    initiative = at_state("rollout")
    body = api(province.reviewer).get(path.format(id=initiative.pk)).json()
    assert isinstance(body, list) and body  # the answer is the documented array


def test_a_voluntary_adoption_is_documented_as_it_is_answered(schema):
    operation = schema["paths"]["/api/v1/initiatives/{id}/adoptions/"]["post"]
    assert "201" in operation["responses"] and "200" not in operation["responses"]
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert request.endswith("/VoluntaryAdoptionRequest")


@pytest.mark.parametrize(
    ("method", "path", "codes"),
    [
        ("post", "/api/v1/initiatives/{id}/transitions/{name}/",
         {"200", "400", "401", "403", "404", "409"}),
        ("patch", "/api/v1/initiatives/{id}/", {"200", "400", "401", "403", "404", "409", "413"}),
        ("post", "/api/v1/initiatives/{id}/attachments/", {"201", "400", "404", "409", "413"}),
        ("get", "/api/v1/initiatives/", {"200", "400", "401", "404"}),
        ("get", "/api/v1/stats/adoption/", {"200", "400", "401", "403", "404"}),
    ],
)  # fmt: skip
def test_every_error_status_is_documented(method, path, codes, schema):
    documented = set(schema["paths"][path][method]["responses"])
    assert codes <= documented, codes - documented


def test_the_filters_of_the_dossier_list_are_documented(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/initiatives/"]["get"]["parameters"]}
    assert {"status", "agency", "year", "field", "q", "page", "page_size"} <= names


@pytest.mark.parametrize("value", ["null", "0", "-3", "abc", "1.5"])
def test_a_page_size_that_is_not_a_positive_number_is_a_400(value, province, api):
    response = api(province.reviewer).get(
        f"/api/v1/initiatives/?page_size={value}", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert "page_size" in response.json()


@pytest.mark.parametrize("path", ["/api/v1/adoptions/-1/", "/api/v1/nothing-here/"])
def test_unknown_api_urls_answer_json_404(path, province, api):
    response = api(province.reviewer).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_page_size_over_100_gives_100(province, api):
    from agencies.models import Agency

    Agency.objects.bulk_create(
        Agency(code=f"XA-{i:03d}", name=f"UBND xã Thử {i}", short_name=f"Xã {i}", kind="commune")
        for i in range(120)
    )
    body = api(province.reviewer).get("/api/v1/agencies/?page_size=5000").json()
    assert len(body["results"]) == 100 and body["count"] > 100

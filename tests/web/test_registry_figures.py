"""The registry's figures are drawn in the visitor's language (titles, axes, regions, branches,
caption); in English they are the API's own figures."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from coordina.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('figures') / 'coordina.db'}")
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.engine.dispose()


def test_figure_1_in_french_and_in_english(client: TestClient) -> None:
    french = client.get("/registry/figures/1.svg", headers={"Accept-Language": "fr"})
    english = client.get("/registry/figures/1.svg", headers={"Accept-Language": "en"})

    assert french.headers["content-type"] == "image/svg+xml"
    assert "Année d'entrée en vigueur" in french.text and "Year of entering into force" not in french.text
    assert "registre coordina" in french.text  # the caption drawn in the figure
    assert english.content == client.get("/api/v1/registry/figures/1", params={"format": "svg"}).content


def test_figure_2_names_the_branches_in_spanish(client: TestClient) -> None:
    spanish = client.get("/registry/figures/2.svg", headers={"Accept-Language": "es"}).text

    assert "Gráfico 2" in spanish and "vejez" in spanish.lower()

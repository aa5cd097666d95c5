"""Comparing agreements of the library by id (the web pages' comparison)."""

import pytest

from coordina.services import catalog, library_comparison
from coordina.services.database import Database, open_database
from coordina.services.errors import NotFound


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    return open_database(f"sqlite:///{tmp_path_factory.mktemp('cmp') / 'c.db'}")


def test_the_same_table_as_the_catalogue(db: Database) -> None:
    ids = ["ar-cl", "ca-nl", "fr-tn", "in-de", "au-kr", "mercosur"]
    assert library_comparison.compare_in_library(db, ids) == catalog.compare(ids)


def test_ids_only_never_paths(db: Database) -> None:
    with pytest.raises(NotFound):
        library_comparison.compare_in_library(db, ["ar-cl", "/etc/passwd.yaml"])


def test_two_to_seven(db: Database) -> None:
    with pytest.raises(ValueError, match="2 to 7"):
        library_comparison.compare_in_library(db, ["ar-cl"])

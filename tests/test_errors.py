"""One error tree, mapped once at each edge: exit statuses and messages, HTTP statuses."""

from pathlib import Path

import pytest

import coordina
from coordina import errors
from coordina.api.errors import KIND, http_status
from coordina.catalog import problems
from coordina.cli.errors import EXIT_STATUS_AND_MESSAGE, exit_status_and_message
from coordina.rules import errors as rule_errors
from coordina.services import errors as service_errors

TREE = [
    errors.DataError,
    errors.CaseError,
    errors.Conflict,
    errors.NotFound,
    errors.Refused,
    errors.Forbidden,
    errors.StaleVersion,
    errors.Unauthorized,
    errors.Throttled,
]


def test_every_error_is_in_the_one_tree_and_exported() -> None:
    for kind in TREE:
        assert issubclass(kind, errors.CoordinaError)
        assert getattr(coordina, kind.__name__) is kind
    assert coordina.DataError is problems.DataError
    assert rule_errors.CaseError is errors.CaseError and rule_errors.Conflict is errors.Conflict
    assert service_errors.Refused is errors.Refused and service_errors.ServiceError is errors.CoordinaError


def test_an_unknown_id_is_not_found_and_still_a_key_error() -> None:
    with pytest.raises(KeyError) as raised:
        coordina.load_agreement("xx-yy")
    assert isinstance(raised.value, errors.NotFound)
    assert raised.value.rule == "agreement" and str(raised.value).startswith("no agreement 'xx-yy'; known: ")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.Unauthorized("token", "unknown or revoked token"), 401),
        (errors.Forbidden("only_heads_sign", "a member"), 403),
        (errors.NotFound("agreement", "no agreement 'x'"), 404),
        (errors.StaleVersion("optimistic_lock", "version 2 was read, 3 is current"), 409),
        (errors.Refused("every_party_signed", "a signature: missing for PH"), 422),
        (errors.Conflict("periods[1]", "two exceptions apply"), 422),
        (errors.DataError([errors.Problem(Path("a.yaml"), 3, "id: required")]), 422),
        (errors.Throttled("login_attempts", "too many failed logins", retry_after=60), 429),
    ],
)
def test_each_error_has_its_http_status(error: errors.CoordinaError, status: int) -> None:
    assert http_status(error) == status


def test_both_tables_cover_the_whole_tree() -> None:
    for kind in TREE:
        assert any(k in KIND for k in kind.__mro__)
        assert any(k in EXIT_STATUS_AND_MESSAGE for k in kind.__mro__)


def test_the_cli_says_which_rule_refused_and_where_a_file_is_wrong() -> None:
    status, message = exit_status_and_message(errors.Forbidden("only_heads_sign", "you are a member"))
    assert (status, message) == (1, "refused by rule 'only_heads_sign': you are a member")
    status, message = exit_status_and_message(errors.DataError([errors.Problem(Path("a.yaml"), 3, "id: required")]))
    assert status == 1 and message == "a.yaml:3: id: required\n1 problem(s) found."
    assert exit_status_and_message(errors.CaseError("periods[0].end", "before its start"))[1] == (
        "error: periods[0].end: before its start"
    )

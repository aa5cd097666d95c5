"""Every cited article is an article of its text, and the share read in the authentic text.

Run with ``-s`` to print the share verified per agreement (the README states these figures).
"""

from typing import Any

import pytest

from coordina.domain.citations import cited_articles, is_article_number, verified_share
from coordina.services import catalog

CONCLUDED = [a for a in catalog.agreements() if a.parties]


@pytest.mark.parametrize("agreement", CONCLUDED, ids=lambda a: a.id)
def test_no_placeholder_article_ids(agreement: Any) -> None:
    """An article that could not be identified is left uncited (in-de's administrative assistance), never
    given a made-up id."""
    placeholders = [a.number for a in agreement.articles if not is_article_number(a.number)]
    assert not placeholders, f"{agreement.id}: {placeholders} are not article numbers"


@pytest.mark.parametrize("agreement", CONCLUDED, ids=lambda a: a.id)
def test_every_cited_article_is_listed_with_its_source_status(agreement: Any) -> None:
    cited = cited_articles(agreement)
    assert cited and all(c.status in ("verified", "unverified") for c in cited), [
        c.number for c in cited if c.status == "not listed"
    ]


def test_is_article_number() -> None:
    assert all(is_article_number(n) for n in ("9", "12bis", "X", "XIV", "2.1", "17A"))
    assert not any(is_article_number(n) for n in ("entry-into-force", "admin-assistance", "final"))


def test_share_of_citations_verified_per_agreement(capsys: Any) -> None:
    shares = {a.id: verified_share(a) for a in CONCLUDED}
    with capsys.disabled():
        print()
        for agreement_id, share in shares.items():
            cited = cited_articles(catalog.agreement(agreement_id))
            verified = sum(c.status == "verified" for c in cited)
            print(f"{agreement_id}: {verified} of {len(cited)} cited articles verified ({float(share):.0%})")
    assert all(0 <= share <= 1 for share in shares.values())

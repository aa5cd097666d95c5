"""The word-level comparison of two draft versions (coordina.services.comparison)."""

from dataclasses import dataclass

from coordina.services.comparison import ArticleChange, Piece, WordChange, compare_versions, compare_words


@dataclass
class Article:
    number: str
    heading: str | None
    text: str


def test_equal_texts_are_one_run_of_the_same_words() -> None:
    assert compare_words("Periods add up.", "Periods  add\nup.") == (
        Piece(WordChange.same, "Periods add up.", "Periods add up."),
    )


def test_added_removed_and_changed_words_are_runs_in_place() -> None:
    pieces = compare_words(
        "postings up to 24 months stay covered", "postings up to 36 months stay under the sending State"
    )
    assert pieces == (
        Piece(WordChange.same, "postings up to", "postings up to"),
        Piece(WordChange.changed, "24", "36"),
        Piece(WordChange.same, "months stay", "months stay"),
        Piece(WordChange.changed, "covered", "under the sending State"),
    )
    assert sum(p.words_added for p in pieces) == 5
    assert sum(p.words_removed for p in pieces) == 2


def test_pure_insertions_and_deletions() -> None:
    assert compare_words("a c", "a b c") == (
        Piece(WordChange.same, "a", "a"), Piece(WordChange.added, "", "b"), Piece(WordChange.same, "c", "c"),
    )  # fmt: skip
    assert compare_words("a b c", "a c")[1] == Piece(WordChange.removed, "b", "")
    assert compare_words("", "") == ()
    assert compare_words("", "new") == (Piece(WordChange.added, "", "new"),)


def test_articles_are_matched_by_number_and_classified() -> None:
    first = [Article("1", "Scope", "Old-age pensions."), Article("2", "Totalization", "Periods add up."),
             Article("3", "Export", "Paid abroad.")]  # fmt: skip
    second = [
        Article("1", "Scope", "Old-age and invalidity pensions."),
        Article("2", "Totalization", "Periods add up."),
        Article("4", "Final provisions", "Entry into force."),
    ]
    comparison = compare_versions(first, second)

    assert [(a.number, a.change) for a in comparison.articles] == [
        ("1", ArticleChange.changed), ("2", ArticleChange.unchanged), ("4", ArticleChange.added),
        ("3", ArticleChange.removed),
    ]  # fmt: skip
    scope = comparison.articles[0]
    assert scope.text == (
        Piece(WordChange.same, "Old-age", "Old-age"),
        Piece(WordChange.added, "", "and invalidity"),
        Piece(WordChange.same, "pensions.", "pensions."),
    )
    assert (scope.words_added, scope.words_removed) == (2, 0)
    assert comparison.of(ArticleChange.added)[0].text == (Piece(WordChange.added, "", "Entry into force."),)
    assert comparison.of(ArticleChange.removed)[0].heading == (Piece(WordChange.removed, "Export", ""),)
    assert comparison.differs


def test_a_changed_heading_alone_changes_the_article() -> None:
    comparison = compare_versions([Article("1", None, "Text.")], [Article("1", "Scope", "Text.")])
    assert comparison.articles[0].change is ArticleChange.changed
    assert comparison.articles[0].heading == (Piece(WordChange.added, "", "Scope"),)
    assert not compare_versions([Article("1", None, "Text.")], [Article("1", None, "Text.")]).differs

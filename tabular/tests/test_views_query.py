"""The table page's query string: parsing, links and datastore parameters (no database)."""

from django.http import QueryDict

from tabular.views import query as q

FIELDS = [
    {"id": "名称", "header": "名称", "type": "string"},
    {"id": "面積", "header": "面積", "type": "number"},
    {"id": 'say "hi"', "header": 'say "hi"', "type": "string"},
]


def parse(text: str) -> q.TableQuery:
    """Parse a query string for the three-column test table."""
    return q.parse_query(QueryDict(text), columns=len(FIELDS))


def test_an_empty_query_string_gives_the_first_page_unsorted_and_unfiltered():
    query = parse("")
    assert (query.q, query.filters, query.sort, query.page, query.limit) == \
        ("", (), None, 1, q.DEFAULT_LIMIT)


def test_a_minus_sign_sorts_the_numbered_column_descending():
    query = parse("sort=-2")
    assert (query.sort, query.desc) == (2, True)


def test_a_sort_on_a_column_that_does_not_exist_is_ignored():
    assert parse("sort=9").sort is None
    assert parse("sort=abc").sort is None


def test_filters_pair_columns_with_values_and_drop_empty_or_unknown_ones():
    query = parse("col=1&val=中央公園&col=7&val=x&col=2&val=")
    assert query.filters == ((1, "中央公園"),)


def test_a_page_size_outside_the_offered_ones_falls_back_to_the_default():
    assert parse("limit=100000").limit == q.DEFAULT_LIMIT
    assert parse("limit=25").limit == 25


def test_page_numbers_below_one_or_not_numbers_give_the_first_page():
    assert parse("page=0").page == 1
    assert parse("page=x").page == 1
    assert parse("page=3&limit=25").offset == 50


def test_filters_become_datastore_filters_by_field_id_and_repeat_as_a_list():
    query = parse("col=1&val=A&col=1&val=B&col=2&val=12")
    kwargs = q.search_kwargs(query, FIELDS)
    assert kwargs["filters"] == {"名称": ["A", "B"], "面積": "12"}


def test_the_sort_quotes_the_field_id_as_ckan_expects():
    kwargs = q.search_kwargs(parse("sort=-3"), FIELDS)
    assert kwargs["sort"] == '"say ""hi""" desc'


def test_a_link_built_from_a_query_parses_back_to_the_same_query():
    query = parse("q=公園&col=1&val=A&sort=-2&page=2&limit=25")
    assert parse(q.href(query)[1:]) == query


def test_the_sort_link_of_the_sorted_column_reverses_it_and_reports_aria_sort():
    query = parse("sort=2&page=3")
    url, state = q.sort_link(query, 2)
    assert state == "ascending"
    again = parse(url[1:])
    assert (again.sort, again.desc, again.page) == (2, True, 1)
    assert q.sort_link(query, 1)[1] == "none"


def test_removing_a_filter_keeps_the_others():
    query = parse("col=1&val=A&col=2&val=12")
    assert parse(q.without_filter(query, 0)[1:]).filters == ((2, "12"),)


def test_the_pager_lists_the_first_the_last_and_the_pages_around_the_current_one():
    query = parse("page=10&limit=25")
    numbers = [p.number for p in q.page_links(query, 1000)]
    assert numbers[0] == 1 and numbers[-1] == 40
    assert 10 in numbers and 20 not in numbers
    assert [p.number for p in q.page_links(query, 1000) if p.current] == [10]


def test_numeric_types_are_right_aligned_and_text_is_not():
    assert [q.is_numeric(f) for f in FIELDS] == [False, True, False]

"""The pure n-gram postings (no database): chunked builds and title matching."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.search_index.text import (
    TextBuilder,
    build_text_index,
    match_terms,
    match_title,
    title_grams,
)

ALPHABET = "公園ごみゴミ人口データ一覧 aeAE5"
TITLES = st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(titles=TITLES, chunk=st.integers(1, 7))
def test_chunked_build_equals_a_single_chunk(titles, chunk):
    docs = [title_grams(t) for t in titles]
    whole, parts = build_text_index(docs, chunk=len(docs)), build_text_index(docs, chunk=chunk)
    for name in ("uni", "bi", "tri"):
        a, b = getattr(whole, name), getattr(parts, name)
        assert a.keys.equals(b.keys) and a.ends.equals(b.ends) and a.positions.equals(
            b.positions), name
    assert whole.runs.equals(parts.runs)


@settings(max_examples=80, deadline=None)
@given(titles=TITLES, data=st.data())
def test_title_postings_find_exactly_the_titles_containing_a_term(titles, data):
    builder = TextBuilder(keep_runs=False)
    builder.add([title_grams(t) for t in titles])
    index = builder.finish()
    term = data.draw(st.text(alphabet=ALPHABET.replace(" ", ""), min_size=1, max_size=5))
    got = match_title(index, pa.array(titles, pa.large_string()), term).to_pylist()
    assert got == [i for i, t in enumerate(titles) if term in t]


def test_a_term_absent_from_every_document_matches_nothing():
    index = build_text_index([title_grams("公園一覧"), title_grams("人口")])
    assert match_terms(index, ["ごみ"]).to_pylist() == []


def test_no_terms_means_no_text_filter():
    assert match_terms(build_text_index(["公園"]), []) is None

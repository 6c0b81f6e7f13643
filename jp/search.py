"""Search tokeniser for a portable full-text index on SQLite FTS5 and PostgreSQL tsvector.

Design
------
Japanese has no spaces between words, and neither SQLite FTS5 (unicode61 tokenizer) nor
PostgreSQL's 'simple' configuration segments it. We therefore tokenise in Python and hand
both databases a string of space-separated tokens that their tokenizers keep as they are.

- Text goes through `normalize_for_search` (NFKC, casefold, katakana → hiragana, dashes,
  kanji variants), so ＡＥＤ/AED, ｶﾞｽ/ガス and ゴミ/ごみ produce the same tokens.
- The normalised text is split into runs of characters for which str.isalnum() is true;
  everything else (spaces, punctuation, "_", "-") separates runs.
- A run "abcd" becomes the overlapping bigrams "ab bc cd" plus its last character "d".
  Bigrams, not morphemes, because the words people search for are often two characters
  (公園, 人口, ごみ, 図書) and a morphological analyser splits or merges them differently in
  a document and in a two-character query. With bigrams, ANY substring of at least two
  characters of a run is found as a phrase: its bigrams are consecutive tokens.
- The final unigram makes a one-character query work as a prefix query ("公"* matches the
  token 公園 or the unigram 公 at the end of a run) and keeps two runs from joining: a phrase
  can never continue from one run into the next, because the unigram sits between them.
- Tokens contain only alphanumeric characters, so unicode61 and PostgreSQL's parser do not
  split them, and both databases answer the same phrase and prefix queries identically:
  the matching logic is entirely ours, the databases only store positions. (Create the FTS5
  table with `tokenize="unicode61 remove_diacritics 0"`, because PostgreSQL does not strip
  accents; casefolding is already done here.)
- Kanji variants are normalised by Sudachi with context, so a query cut from the middle of
  a normalised word could miss. When the variant step changes a run, index_text also emits
  the tokens of that run before variant normalisation. Hence any substring (≥ 2 chars) of a
  document is found when the variant step leaves the query itself unchanged, and whole words
  are found in either spelling (附属 and 付属 both find 附属小学校).
- Query runs lose leading/trailing ー: in the document it may have been folded to "-"
  between Latin letters or digits, and コンピューター then also finds コンピュータ.
- At most MAX_INDEX_TOKENS tokens are produced (PostgreSQL keeps positions only up to
  16,383); longer documents are indexed on their first ~8,000 characters.
"""

from __future__ import annotations

from itertools import groupby

from jp.text import normalize_for_search

__all__ = ["MAX_INDEX_TOKENS", "index_text", "query_runs", "query_terms", "run_tokens"]

MAX_INDEX_TOKENS = 8000
_CHOON = "ー"


def _runs(normalized: str) -> list[str]:
    """Split normalised text into maximal runs of alphanumeric characters."""
    return ["".join(group) for is_alnum, group in groupby(normalized, str.isalnum) if is_alnum]


def _bigrams(run: str) -> list[str]:
    """Return the overlapping bigrams of a run, or [run] for a one-character run."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def run_tokens(run: str) -> list[str]:
    """Return the index tokens of one run: its bigrams followed by its last character."""
    if len(run) < 2:
        return [run]
    return [*_bigrams(run), run[-1]]


def _index_runs(text: str) -> list[str]:
    """Return the normalised runs, each followed by its pre-variant form where that differs."""
    full = _runs(normalize_for_search(text))
    base = _runs(normalize_for_search(text, variants=False))
    if full == base:
        return full
    if len(full) == len(base):
        out: list[str] = []
        for run, raw in zip(full, base, strict=True):
            out.append(run)
            if raw != run:
                out.append(raw)
        return out
    seen = set(full)
    extra = [raw for raw in dict.fromkeys(base) if raw not in seen]
    return full + extra


def index_text(text: str) -> str:
    """Return the space-separated index tokens of `text`: per run, bigrams and last character."""
    tokens: list[str] = []
    for run in _index_runs(text):
        tokens.extend(run_tokens(run))
        if len(tokens) >= MAX_INDEX_TOKENS:
            del tokens[MAX_INDEX_TOKENS:]
            break
    return " ".join(tokens)


def query_terms(query: str) -> list[str]:
    """Return the normalised runs of a query (edge ー removed), for ranking by substring match."""
    runs = (run.strip(_CHOON) for run in _runs(normalize_for_search(query)))
    return [run for run in runs if run]


def query_runs(query: str) -> list[list[str]]:
    """Return one bigram list per query run; callers AND the runs, each as a phrase.

    A one-character run comes back as [char] and is meant as a prefix query.
    """
    return [_bigrams(run) for run in query_terms(query)]

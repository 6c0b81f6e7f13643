"""The shared Sudachi tokenizers: one per thread and split mode, one dictionary per process."""

from __future__ import annotations

import threading

from jp.variants import sudachi_tokenizer


def test_a_thread_gets_the_same_tokenizer_for_the_same_mode():
    assert sudachi_tokenizer("A") is sudachi_tokenizer("A")


def test_split_modes_differ_on_a_compound_word():
    """Mode C keeps 選挙管理委員会 whole; mode A cuts it into its parts."""
    word = "選挙管理委員会"
    whole = [m.surface() for m in sudachi_tokenizer("C").tokenize(word)]
    parts = [m.surface() for m in sudachi_tokenizer("A").tokenize(word)]
    assert whole == [word]
    assert len(parts) > 1 and "".join(parts) == word


def test_another_thread_gets_its_own_tokenizer():
    mine = sudachi_tokenizer("A")
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(sudachi_tokenizer("A")))
    thread.start()
    thread.join()
    assert theirs and theirs[0] is not mine

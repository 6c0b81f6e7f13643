"""Gomi app: garbage collection days and sorting rules (ごみ分別・収集日)."""

"""Exports of a plan: the plan document (HTML, PDF) and the 進捗評価表 (XLSX, CSV)."""

"""The 5374 (ゴミナシ) data format: cell syntax, folder reader and writer (pure, no Django)."""

from gomi.engine.fivethree.cell import CellRule, format_cell, parse_cell, representable
from gomi.engine.fivethree.reader import FiveThreeData, read_files, read_folder
from gomi.engine.fivethree.writer import write_files

__all__ = [
    "CellRule",
    "FiveThreeData",
    "format_cell",
    "parse_cell",
    "read_files",
    "read_folder",
    "representable",
    "write_files",
]

"""Personal-data scanner run before publication (pure Python, no Django).

``scan_table(table)`` flags cells holding 個人番号 and other 個人識別符号, contact details and
names, and decides the outcome: ``block`` if any finding blocks, ``warn`` if any warns, else
``clear``. Detected values are never stored: findings carry masked shapes only.
"""

from privacy.scanner.engine import scan_file, scan_table
from privacy.scanner.types import ColumnSummary, Finding, ScanResult

__all__ = ["ColumnSummary", "Finding", "ScanResult", "scan_file", "scan_table"]

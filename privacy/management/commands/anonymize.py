"""Anonymise a file from the command line (行政機関等匿名加工情報).

    python manage.py anonymize --input FILE --config CONFIG.json --output OUT.csv \\
        --report REPORT.json [--linking-map MAP.json] [--reuse-linking-map OLD.json]

The same engine as the staff screens; nothing is written to the database.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from privacy.anonymise import AnonymisationError, anonymise
from privacy.services.release_files import (
    check_columns,
    config_for,
    dump_json,
    read_input,
    reuse_linking_map,
    write_csv,
)
from tabular.engine.types import TabularError


def _fail(ja: str, en: str) -> CommandError:
    """A command error in Japanese and English (exit status 1)."""
    return CommandError(f"{ja} / {en}")


class Command(BaseCommand):
    """Anonymise a table file with a JSON config; write the CSV and the JSON report."""

    help = (
        "Anonymise a table (CSV, TSV, XLSX, XLS, JSON) with a JSON config of column roles, "
        "hierarchies and privacy models; write the anonymised CSV (UTF-8) and a JSON report."
    )

    def add_arguments(self, parser):
        """Declare the options of the issue's command line, and the optional extras."""
        parser.add_argument("--input", required=True, help="table file to anonymise")
        parser.add_argument("--config", required=True, help="JSON config (columns, model…)")
        parser.add_argument("--output", required=True, help="anonymised CSV to write")
        parser.add_argument("--report", required=True, help="JSON report to write")
        parser.add_argument("--sheet", help="sheet of a workbook (default: the largest table)")
        parser.add_argument("--encoding", help="encoding of a text file (default: detected)")
        parser.add_argument("--linking-map", dest="linking_map",
                            help="write the linking-code mapping here (keep it apart!)")
        parser.add_argument("--reuse-linking-map", dest="reuse_linking_map",
                            help="reuse the tokens of an earlier mapping (JSON) for known codes")

    def handle(self, *args, **options):
        """Read, anonymise, write; every refusal is a bilingual error with exit status 1."""
        config_path = Path(options["config"])
        data = self._json(config_path, ja="設定ファイル", en="config file")
        earlier = None
        if options["reuse_linking_map"]:
            earlier = self._json(Path(options["reuse_linking_map"]), ja="対応表", en="linking map")
        try:
            source = read_input(Path(options["input"]), sheet=options["sheet"],
                                encoding=options["encoding"])
        except TabularError as exc:
            raise _fail(f"入力ファイルを読めません: {exc.message_ja}",
                        f"cannot read the input file: {exc.message_en}") from exc
        try:
            config = config_for(data, source.table, base_dir=config_path.resolve().parent)
            check_columns(config, source.table)
            result = anonymise(source.table, config)
        except AnonymisationError as exc:
            raise _fail(exc.message_ja, exc.message_en) from exc
        if earlier is not None:
            result = reuse_linking_map(result, earlier)
        try:
            write_csv(result.table, Path(options["output"]))
            dump_json(result.report, Path(options["report"]))
            if options["linking_map"] and result.linking_map:
                dump_json(result.linking_map, Path(options["linking_map"]))
        except OSError as exc:
            raise _fail(f"出力を書き込めません: {exc.strerror}",
                        f"cannot write the output: {exc.strerror}") from exc
        report = result.report
        self.stdout.write(
            f"{report['summary_ja']} / {report['summary_en']}\n"
            f"  出力 / output: {options['output']} ({report['rows_out']} rows)\n"
            f"  水準 / levels: {json.dumps(report['levels'], ensure_ascii=False)}"
        )

    def _json(self, path: Path, *, ja: str, en: str):
        """Load a JSON file or fail with a clear error."""
        try:
            return json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError as exc:
            raise _fail(f"{ja}が見つかりません: {path}", f"{en} not found: {path}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"{ja}を読めません: {path}", f"cannot read the {en}: {path}") from exc
        except json.JSONDecodeError as exc:
            raise _fail(f"{ja}がJSONとして正しくありません（{exc.lineno}行目）: {path}",
                        f"the {en} is not valid JSON (line {exc.lineno}): {path}") from exc

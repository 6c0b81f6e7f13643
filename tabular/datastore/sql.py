"""datastore_search_sql: one read-only SELECT over the resources a caller may read.

The SQL is parsed with sqlglot (DuckDB dialect) and refused unless it is exactly one query
(SELECT, WITH, UNION/INTERSECT/EXCEPT, joins and subqueries allowed) whose every table is a
double-quoted resource id the caller may read (``FROM "resource-uuid"``, as CKAN users
write) or a CTE of the query, and whose every function is on an allow-list (aggregates,
window, string, math, date, CASE/CAST/COALESCE …; table functions only generate_series /
range / unnest). Files, network, catalogs and settings are thus unreachable from the SQL
itself (read_csv, read_parquet, glob, COPY, ATTACH, INSTALL, LOAD, PRAGMA, SET, CALL,
information_schema, duckdb_* …).

What runs is not the user's text but sqlglot's regeneration of the checked tree, without
comments, with each resource rewritten to a view over exactly its Parquet file: a query
that sqlglot and DuckDB would read differently cannot slip through. DuckDB's own parser then
confirms it is a single SELECT, in a fresh database that may read only those files and
whose configuration is locked (see ``connections``). A timer interrupts the query after
``timeout_s`` (query-timeout); at most ``row_cap`` rows are returned, with
``records_truncated: True`` when there were more (CKAN's shape).
"""

from __future__ import annotations

from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from tabular.datastore.connections import deadline, query_error, resolved, sql_connection
from tabular.datastore.sql_allow import (
    FORBIDDEN_NODES,
    TABLE_FUNCTIONS,
    function_allowed,
    function_name,
)
from tabular.datastore.types import (
    ROWS_MAX,
    DatastoreError,
    TableRef,
    converter_for,
    duckdb_ckan_type,
    pair,
)

__all__ = ["MAX_SQL_CHARS", "check_sql", "search_sql"]

MAX_SQL_CHARS = 20_000
MAX_NODES = 5_000


def _refuse(code: str, message_ja: str, message_en: str) -> DatastoreError:
    """A refusal, also under ``fields["sql"]`` like CKAN's ValidationError."""
    fields = {"sql": [pair(message_ja, message_en)]}
    return DatastoreError(code, message_ja, message_en, fields=fields)


def _not_query() -> DatastoreError:
    """The refusal of anything but one SELECT."""
    return _refuse(
        "sql-not-allowed",
        "SELECT 文を 1 つだけ指定してください（更新・設定・ファイル操作はできません）。",
        "Give exactly one SELECT statement (no writes, settings or file access).",
    )


def _parse(sql: str) -> exp.Expression:
    """Parse to exactly one statement, or refuse."""
    if not isinstance(sql, str) or not sql.strip():
        raise _refuse("sql-syntax", "SQL が空です。", "The SQL is empty.")
    if len(sql) > MAX_SQL_CHARS or "\x00" in sql:
        raise _refuse(
            "sql-syntax",
            f"SQL が長すぎるか、使えない文字を含みます（最大 {MAX_SQL_CHARS} 文字）。",
            f"The SQL is too long or holds a forbidden character (at most {MAX_SQL_CHARS}).",
        )
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except (sqlglot.errors.SqlglotError, RecursionError, ValueError) as exc:
        raise _refuse(
            "sql-syntax",
            "SQL の構文を解釈できません。",
            "The SQL cannot be parsed.",
        ) from exc
    if len(statements) != 1:
        raise _not_query()
    return statements[0]


def _cte_visible(table: exp.Table) -> bool:
    """True when an enclosing WITH defines a CTE of this table's name (lexical scope)."""
    name = table.name
    node: exp.Expression | None = table.parent
    while node is not None:
        # sqlglot 30 keeps WITH under "with_" (older versions: "with").
        args = node.args
        with_ = args.get("with_", args.get("with")) if isinstance(node, exp.Query) else None
        if isinstance(with_, exp.With):
            if any(cte.alias_or_name == name for cte in with_.expressions):
                return True
        node = node.parent
    return False


def _forbidden_table(name: str) -> DatastoreError:
    """The refusal of a table the caller may not read."""
    shown = name[:80]
    return _refuse(
        "sql-forbidden-table",
        f"表「{shown}」は読めません。"
        'FROM には読めるリソースの ID を "…" で囲んで書いてください。',
        f'Table "{shown}" cannot be read. In FROM, write the id of a resource you may read, '
        'in double quotes.',
    )


def _check_table(table: exp.Table, allowed: set[str], used: list[str]) -> None:
    """Check one table reference and rewrite a resource id to its view."""
    this = table.this
    if isinstance(this, exp.Func):
        if function_name(this) in TABLE_FUNCTIONS:
            return  # generate_series / range / unnest: arguments are checked as functions
        raise _refuse(
            "sql-forbidden-function",
            f"表関数 {function_name(this)} は使えません。",
            f"Table function {function_name(this)} is not allowed.",
        )
    if not isinstance(this, exp.Identifier) or any(
        table.args.get(part) for part in ("db", "catalog")
    ):
        raise _forbidden_table(table.sql(dialect="duckdb")[:80])
    name = this.name
    if _cte_visible(table):
        return
    if not this.quoted or name not in allowed:
        raise _forbidden_table(name)
    if name not in used:
        used.append(name)
    view = f"_r{used.index(name)}"
    if not table.alias:
        # Column references such as "uuid".col keep working through the alias.
        table.set("alias", exp.TableAlias(this=exp.to_identifier(name, quoted=True)))
    table.set("this", exp.to_identifier(view, quoted=True))


def check_sql(sql: str, *, allowed: set[str]) -> tuple[str, list[str]]:
    """Check ``sql``; return the SQL to run and the resource ids it reads (as _r0, _r1 …)."""
    root = _parse(sql)
    if not isinstance(root, exp.Query):
        raise _not_query()
    nodes = list(root.walk())
    if len(nodes) > MAX_NODES:
        raise _refuse("sql-syntax", "SQL が複雑すぎます。", "The SQL is too complex.")
    used: list[str] = []
    for node in nodes:
        if isinstance(node, FORBIDDEN_NODES):
            raise _not_query()
        if isinstance(node, exp.Table):
            _check_table(node, allowed, used)
        elif isinstance(node, exp.Func) and not function_allowed(node):
            if isinstance(node.parent, exp.Table) and node.parent.this is node:
                continue  # a table function, checked with its table
            name = function_name(node)
            raise _refuse(
                "sql-forbidden-function",
                f"関数 {name} は使えません。",
                f"Function {name} is not allowed.",
            )
    return root.sql(dialect="duckdb", comments=False), used


def _records(rows: list[tuple], names: list[str], types: list[str]) -> list[dict]:
    """Rows as JSON-ready dicts (dates ISO, decimals as numbers, NaN as null)."""
    convs = [converter_for(duckdb_ckan_type(t), t) for t in types]
    out = []
    for row in rows:
        cells = zip(names, row, convs, strict=True)
        out.append({n: (v if c is None else c(v)) for n, v, c in cells})
    return out


def search_sql(
    *,
    sql: str,
    tables: dict[str, TableRef],
    timeout_s: float = 5.0,
    row_cap: int = ROWS_MAX,
) -> dict:
    """Run a checked SELECT over ``tables`` (resource id → table) like datastore_search_sql."""
    to_run, used = check_sql(sql, allowed=set(tables))
    views = {f"_r{i}": tables[rid] for i, rid in enumerate(used)}
    try:
        with sql_connection(views) as con:
            statements = con.extract_statements(to_run)
            if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
                raise _not_query()
            with deadline(con, timeout_s):
                cur = con.execute(to_run)
                rows = cur.fetchmany(row_cap + 1)
                description = cur.description or []
    except duckdb.Error as exc:
        raise _sql_error(exc, views) from exc
    names = [d[0] for d in description]
    types = [str(d[1]) for d in description]
    truncated = len(rows) > row_cap
    result: dict[str, Any] = {
        "sql": sql,
        "fields": [{"id": n, "type": duckdb_ckan_type(t)}
                   for n, t in zip(names, types, strict=True)],
        "records": _records(rows[:row_cap], names, types),
    }
    if truncated:
        result["records_truncated"] = True
    return result


def _sql_error(exc: duckdb.Error, views: dict[str, TableRef]) -> DatastoreError:
    """DuckDB's message for the user, with view names and file paths replaced by ids."""
    base = query_error(exc)
    message = str(exc).splitlines()[0][:300]
    # Longest view names first: "_r1" must not replace the start of "_r10".
    for view, table in sorted(views.items(), key=lambda item: -len(item[0])):
        for path in {str(table.path), str(resolved(table))}:
            message = message.replace(path, table.resource_id)
        message = message.replace(view, table.resource_id)
    return DatastoreError(
        base.code,
        f"SQL を実行できませんでした: {message}",
        f"The SQL could not be run: {message}",
        fields={"sql": [message]},
    )

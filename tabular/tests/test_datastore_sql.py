"""datastore_search_sql: one SELECT over allowed resources; everything else refused."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from tabular.datastore.connections import locked_database
from tabular.datastore.sql import check_sql, search_sql
from tabular.datastore.types import DatastoreError, TableRef
from tabular.engine.convert import write_outputs

SHOPS = "0b1f6c2e-1111-4a4a-8b8b-000000000001"
PRICES = "0b1f6c2e-2222-4a4a-8b8b-000000000002"
SECRET = "0b1f6c2e-3333-4a4a-8b8b-000000000003"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """Three resources the caller may read (and SECRET, which it may not)."""
    root = tmp_path_factory.mktemp("sql")
    shops = write_outputs(pa.table({"店名": ["八百屋", "魚屋", "肉屋"], "区": ["北", "南", "北"]}),
                          root / "shops", basename="t")
    prices = write_outputs(pa.table({"店名": ["八百屋", "魚屋"], "価格": [120.5, 300.0]}),
                           root / "prices", basename="t")
    numbers = write_outputs(pa.table({"n": list(range(1000))}), root / "numbers", basename="t")
    return {
        SHOPS: TableRef(resource_id=SHOPS, path=shops.parquet),
        PRICES: TableRef(resource_id=PRICES, path=prices.parquet),
        "numbers": TableRef(resource_id="numbers", path=numbers.parquet),
    }


def run(sql: str, tables: dict, **kwargs) -> dict:
    """Run search_sql over the given tables."""
    return search_sql(sql=sql, tables=tables, **kwargs)


def refused(sql: str, tables: dict) -> DatastoreError:
    """The error search_sql raises for ``sql``."""
    with pytest.raises(DatastoreError) as err:
        run(sql, tables)
    return err.value


# --- what is allowed ---------------------------------------------------------------------


def test_select_from_a_quoted_resource_id(tables):
    result = run(f'SELECT "店名" FROM "{SHOPS}" ORDER BY _id', tables)
    assert [r["店名"] for r in result["records"]] == ["八百屋", "魚屋", "肉屋"]


def test_result_has_fields_with_ckan_types_and_the_sql(tables):
    sql = f'SELECT "店名", "価格", _id FROM "{PRICES}"'
    result = run(sql, tables)
    assert (result["fields"], result["sql"]) == (
        [{"id": "店名", "type": "text"}, {"id": "価格", "type": "numeric"},
         {"id": "_id", "type": "int"}], sql)


def test_join_of_two_allowed_resources(tables):
    sql = (f'SELECT s."店名", p."価格" FROM "{SHOPS}" s JOIN "{PRICES}" p '
           f'ON s."店名" = p."店名" ORDER BY p."価格"')
    assert run(sql, tables)["records"] == [{"店名": "八百屋", "価格": 120.5},
                                           {"店名": "魚屋", "価格": 300.0}]


def test_columns_can_be_qualified_by_the_resource_id(tables):
    sql = f'SELECT "{SHOPS}"."区" FROM "{SHOPS}" WHERE "{SHOPS}"._id = 2'
    assert run(sql, tables)["records"] == [{"区": "南"}]


def test_cte_union_subquery_and_aggregates(tables):
    sql = (f'WITH north AS (SELECT * FROM "{SHOPS}" WHERE "区" = \'北\') '
           f'SELECT count(*) AS n FROM north '
           f'UNION ALL SELECT count(*) FROM "{PRICES}" WHERE "店名" IN '
           f'(SELECT "店名" FROM "{SHOPS}")')
    assert [r["n"] for r in run(sql, tables)["records"]] == [2, 2]


def test_window_string_date_and_case_functions(tables):
    sql = (f'SELECT row_number() OVER (ORDER BY _id) AS k, upper(\'x\') || "区" AS u, '
           f"strftime(DATE '2024-01-05', '%Y') AS y, CASE WHEN _id > 1 THEN 'b' END AS c, "
           f'coalesce(NULL, 1) AS z, CAST(_id AS VARCHAR) AS s FROM "{SHOPS}" LIMIT 1')
    assert run(sql, tables)["records"] == [
        {"k": 1, "u": "X北", "y": "2024", "c": None, "z": 1, "s": "1"}]


def test_dates_and_decimals_come_back_json_ready(tables):
    result = run("SELECT DATE '2024-01-05' AS d, 1.25 AS x", tables)
    assert result["records"] == [{"d": "2024-01-05", "x": 1.25}]


def test_string_literal_that_looks_like_sql_is_only_a_string(tables):
    result = run("SELECT 'x''; DROP TABLE t; -- /* */' AS s", tables)
    assert result["records"] == [{"s": "x'; DROP TABLE t; -- /* */"}]


def test_trailing_line_comment_is_ignored(tables):
    assert run("SELECT 1 AS one --", tables)["records"] == [{"one": 1}]


def test_comment_cannot_smuggle_a_second_statement(tables):
    result = run("SELECT 1 AS one -- */ ; DROP TABLE t", tables)
    assert result["records"] == [{"one": 1}]


def test_single_trailing_semicolon_is_accepted(tables):
    assert run("SELECT 1 AS one;", tables)["records"] == [{"one": 1}]


def test_generate_series_is_allowed_as_a_table(tables):
    assert len(run("SELECT * FROM generate_series(1, 5)", tables)["records"]) == 5


# --- row cap and timeout ------------------------------------------------------------------


def test_row_cap_truncates_and_says_so(tables):
    result = run('SELECT n FROM "numbers"', tables, row_cap=10)
    assert (len(result["records"]), result["records_truncated"]) == (10, True)


def test_result_within_the_cap_has_no_truncated_key(tables):
    assert "records_truncated" not in run('SELECT n FROM "numbers"', tables, row_cap=1000)


@pytest.mark.parametrize("sql", [
    'SELECT count(*) FROM "numbers" a, "numbers" b, "numbers" c, "numbers" d',
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
    "SELECT count(*) FROM generate_series(1, 1000000000000)",
])
def test_runaway_query_is_stopped_with_query_timeout(tables, sql):
    with pytest.raises(DatastoreError) as err:
        run(sql, tables, timeout_s=0.5)
    assert err.value.code == "query-timeout"


# --- what is refused ----------------------------------------------------------------------


def test_resource_not_given_to_the_caller_is_refused(tables):
    assert refused(f'SELECT * FROM "{SECRET}"', tables).code == "sql-forbidden-table"


def test_join_with_a_forbidden_third_resource_is_refused(tables):
    sql = f'SELECT * FROM "{SHOPS}" JOIN "{SECRET}" USING ("店名")'
    assert refused(sql, tables).code == "sql-forbidden-table"


def test_forbidden_resource_in_a_subquery_is_refused(tables):
    sql = f'SELECT * FROM "{SHOPS}" WHERE "店名" IN (SELECT "店名" FROM "{SECRET}")'
    assert refused(sql, tables).code == "sql-forbidden-table"


def test_unquoted_table_name_is_refused(tables):
    assert refused("SELECT * FROM numbers", tables).code == "sql-forbidden-table"


@pytest.mark.parametrize("sql", [
    f'SELECT * FROM main."{SHOPS}"',
    "SELECT * FROM information_schema.tables",
    "SELECT * FROM pg_catalog.pg_class",
    "SELECT * FROM duckdb_tables",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM \"/etc/passwd\"",
])
def test_schemas_catalogs_and_file_names_are_refused(tables, sql):
    assert refused(sql, tables).code == "sql-forbidden-table"


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM read_parquet('/tmp/x.parquet')",
    "SELECT * FROM read_json_auto('/tmp/x.json')",
    "SELECT * FROM parquet_scan('/tmp/x.parquet')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "SELECT * FROM query('SELECT 1')",
    "SELECT * FROM query_table('x')",
    "SELECT * FROM duckdb_settings()",
    "SELECT * FROM read_text('/etc/passwd')",
])
def test_table_functions_that_read_anything_are_refused(tables, sql):
    assert refused(sql, tables).code == "sql-forbidden-function"


@pytest.mark.parametrize("sql", [
    "SELECT getenv('HOME')",
    "SELECT current_setting('threads')",
    "SELECT json_execute_serialized_sql('x')",
    f'SELECT "店名" FROM "{SHOPS}" WHERE "店名" IN (SELECT * FROM read_csv(\'/etc/passwd\'))',
])
def test_functions_off_the_allow_list_are_refused(tables, sql):
    assert refused(sql, tables).code == "sql-forbidden-function"


@pytest.mark.parametrize("sql", [
    "SELECT 1; DROP TABLE t",
    "SELECT 1; SELECT 2",
    "COPY (SELECT 1) TO '/tmp/out.csv'",
    "ATTACH '/tmp/x.db'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "PRAGMA version",
    "SET threads = 8",
    "CALL duckdb_settings()",
    "DESCRIBE SELECT 1",
    "SHOW TABLES",
    "CREATE TABLE x AS SELECT 1",
    f'SELECT * INTO copy FROM "{SHOPS}"',
    "SELECT ?",
    "SELECT $1",
])
def test_statements_other_than_one_select_are_refused(tables, sql):
    assert refused(sql, tables).code == "sql-not-allowed"


@pytest.mark.parametrize("sql", ["", "   ", "SELEC 1 FROM", "EXPORT DATABASE '/tmp/x'"])
def test_unparsable_sql_is_a_syntax_error(tables, sql):
    assert refused(sql, tables).code == "sql-syntax"


def test_refusal_carries_japanese_and_english_and_a_sql_field(tables):
    err = refused("SELECT getenv('HOME')", tables)
    assert ("使えません" in err.message_ja, "not allowed" in err.message_en, "sql" in err.fields) == (
        True, True, True)


def test_execution_error_names_the_resource_not_the_file(tables):
    err = refused(f'SELECT no_such_column FROM "{SHOPS}"', tables)
    assert err.code == "sql-error" and str(tables[SHOPS].path) not in err.message_en


def test_sql_that_runs_is_regenerated_with_views_and_no_comments():
    to_run, used = check_sql(f'SELECT 1 /* hi */ FROM "{SHOPS}"', allowed={SHOPS})
    assert ("hi" not in to_run, '"_r0"' in to_run, used) == (True, True, [SHOPS])


# --- the database itself is locked down (second line of defence) --------------------------


@pytest.mark.parametrize("statement", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "COPY (SELECT 1) TO '/tmp/kanmin-should-not-exist.csv'",
    "ATTACH '/tmp/kanmin-should-not-exist.db'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET threads = 64",
])
def test_locked_database_refuses_file_network_and_settings(statement):
    con = locked_database("64MB", paths=[])
    try:
        with pytest.raises(duckdb.Error):
            con.execute(statement)
    finally:
        con.close()


def test_locked_database_reads_only_the_allowed_file(tables):
    allowed = str(tables[SHOPS].path.resolve())
    other = str(tables[PRICES].path.resolve())
    con = locked_database("64MB", paths=[allowed])
    try:
        con.execute(f"SELECT count(*) FROM read_parquet('{allowed}')").fetchall()
        with pytest.raises(duckdb.Error):
            con.execute(f"SELECT count(*) FROM read_parquet('{other}')")
    finally:
        con.close()

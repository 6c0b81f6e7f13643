"""The allow-list of functions and the deny-list of statements for datastore_search_sql.

Functions are matched by sqlglot's expression class (``strftime`` parses as TimeToStr,
``CASE`` as Case) or, for functions sqlglot does not know, by lower-case name. Anything
else — read_csv, read_parquet, read_text, glob, query, getenv, current_setting,
duckdb_settings, pragma_*, json_execute_serialized_sql … — is refused. Class names missing
from an installed sqlglot version are skipped, never an error.
"""

from __future__ import annotations

from sqlglot import exp

__all__ = ["FORBIDDEN_NODES", "TABLE_FUNCTIONS", "function_allowed", "function_name"]

_AGGREGATE = """
    AnyValue ApproxDistinct ApproxQuantile ArgMax ArgMin ArrayAgg Avg BitwiseAndAgg
    BitwiseOrAgg BitwiseXorAgg Corr Count CountIf CovarPop CovarSamp First GroupConcat
    Kurtosis Last LogicalAnd LogicalOr Max Median Min Mode PercentileCont PercentileDisc
    Quantile RegrAvgx RegrAvgy RegrCount RegrIntercept RegrR2 RegrSlope RegrSxx RegrSxy
    RegrSyy Skewness Stddev StddevPop StddevSamp Sum Variance VariancePop
"""
_WINDOW = """
    CumeDist DenseRank FirstValue Lag LastValue Lead NthValue Ntile PercentRank Rank RowNumber
"""
_CONDITIONAL = """
    And Or Xor Case Cast Coalesce Columns Exists Greatest If IsInf IsNan Least Nullif Nvl2
    TryCast Typeof
"""
_STRING = """
    Ascii BitLength ByteLength Chr Collate Concat ConcatWs Contains EndsWith Format Hex Initcap
    JarowinklerSimilarity Left Length Levenshtein Lower MD5 Pad RegexpExtract
    RegexpExtractAll RegexpILike RegexpLike RegexpReplace RegexpSplit Repeat Replace Reverse
    Right SHA SHA2 Split SplitPart StartsWith StrPosition StringToArray ArrayToString
    Substring Translate Trim Unhex Unicode Upper
"""
_MATH = """
    Abs Acos Asin Atan Atan2 Cbrt Ceil Cos Cot Degrees Exp Factorial Floor Ln Log Pi Pow
    Radians Rand Round Sign Sin Sqrt Tan Trunc
"""
_DATE = """
    AddMonths CurrentDate CurrentTime CurrentTimestamp Date DateAdd DateDiff DateFromParts
    DateStrToDate DateSub DateTrunc Datetime Day DayOfMonth DayOfWeek DayOfWeekIso DayOfYear
    Dayname Extract Hour LastDay MakeInterval Minute Month Monthname Quarter Second
    StrToDate StrToTime Time TimeStrToDate TimeStrToTime TimeToStr TimeToUnix Timestamp
    TimestampAdd TimestampDiff TimestampFromParts TimestampSub TimestampTrunc TsOrDsAdd
    ToDays TsOrDsToDate UnixToTime Week WeekOfYear Year
"""
_LIST = """
    Array ArrayContains ArraySize Explode GenerateSeries ExplodingGenerateSeries Struct
    StructExtract Unnest
"""

#: DuckDB functions sqlglot leaves as Anonymous that are safe (pure computations).
ANONYMOUS = frozenset("""
    age array_length bit_count bool_and bool_or ceiling date_part datepart dayofweek
    dayofyear decade epoch epoch_ms even favg fsum gcd ifnull ilike_escape isfinite isodow
    isoyear lcm len like_escape list_contains list_value log10 log2 lpad ltrim make_date
    make_time make_timestamp millennium nextafter nfc_normalize now prefix printf product range
    regexp_full_match regexp_matches round_even rpad rtrim string_agg string_split strip_accents
    strlen suffix sumkahan today to_days to_hours to_minutes to_months to_seconds to_years
    week yearweek
""".split())

#: Table functions allowed in FROM: they only generate values.
TABLE_FUNCTIONS = frozenset({"generate_series", "range", "unnest"})


def _classes(names: str) -> set[type]:
    """Resolve class names of sqlglot.exp, skipping those this sqlglot version lacks."""
    return {cls for name in names.split() if isinstance(cls := getattr(exp, name, None), type)}


ALLOWED_CLASSES = frozenset(
    _classes(_AGGREGATE) | _classes(_WINDOW) | _classes(_CONDITIONAL) | _classes(_STRING)
    | _classes(_MATH) | _classes(_DATE) | _classes(_LIST)
)

#: Nodes that never belong in a read-only query (statements, settings, parameters, INTO).
FORBIDDEN_NODES = tuple(_classes("""
    Alter AlterColumn Analyze Attach Cache Command Commit Copy Create DDL DML Delete Describe
    Detach Drop Insert Into Install LoadData Merge Parameter Placeholder Pragma Rollback Set
    SessionParameter Show Summarize Transaction TruncateTable Uncache Update Use
"""))


def function_name(node: exp.Func) -> str:
    """A function's name as written in DuckDB (lower case)."""
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def function_allowed(node: exp.Func) -> bool:
    """True when the function is on the allow-list."""
    if isinstance(node, exp.Anonymous):
        return function_name(node) in ANONYMOUS
    return type(node) in ALLOWED_CLASSES

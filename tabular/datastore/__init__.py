"""The datastore: CKAN DataStore queries over the Parquet files of ingested tables (DuckDB).

Pure Python (no Django). Public API:

* ``engine.search`` / ``engine.info`` — datastore_search and datastore_info;
* ``sql.search_sql`` — datastore_search_sql, guarded (one SELECT, allowed resources only);
* ``exports.export`` — streamed CSV / TSV / JSON / XLSX;
* ``neutralise.neutralise`` / ``neutralise_array`` — spreadsheet-formula neutralisation;
* ``types.TableRef`` and ``types.DatastoreError``;
* ``pool.configure`` — memory for native copies of hot tables.

Modules are imported on use (``from tabular.datastore.engine import search``) so that
importing the package stays cheap.
"""

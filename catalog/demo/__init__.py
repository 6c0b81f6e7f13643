"""The demo municipality デモ市 ("Demo City", fictional), loaded by `manage.py load_demo`.

- city.py: identity (code 139904, not a real code), departments, towns and facilities
- columns.py: headers of the standard datasets, copied from the research notes
- standard_files.py / other_files.py: deterministic rows of every demo file
- encoding.py: CSV (UTF-8, UTF-8 with BOM, CP932), JSON and GeoJSON writers
- datasets.py: the datasets, their metadata and resources
- loader.py: creates what is missing through the service functions

Files are generated in memory at load time; nothing binary is committed.
"""

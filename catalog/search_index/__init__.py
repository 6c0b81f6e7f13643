"""In-process search index for the catalog: the same answers as the SQL path, much faster.

``build.build_index()`` reads every dataset once; ``runtime.activate(built)`` makes
``catalog.selectors.search_datasets`` answer from it (merged with SQL for datasets written
since, found through the trigger-filled ``catalog_search_change`` log). ``text`` and
``engine`` are pure (pyarrow only, no Django).
"""

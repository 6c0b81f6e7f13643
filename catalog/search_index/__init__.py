"""In-process search index for the catalog: the same answers as the SQL path, much faster.

``build.build_index()`` reads every dataset once (streamed in chunks); ``store`` keeps built
indexes as memory-mapped Arrow IPC files shared by the web processes; ``lifecycle`` decides
which index a process uses (load, background build, change-log pruning); ``runtime.search``
answers ``catalog.selectors.search_datasets`` from it, merged with SQL for the datasets
written since (found through the trigger-filled ``catalog_search_change`` log). ``text``,
``engine`` and ``store`` are pure (pyarrow only, no Django).
"""

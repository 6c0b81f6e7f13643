"""HTML pages (and their small JSON and download endpoints) of the tabular app."""

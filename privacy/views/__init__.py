"""HTML views of the privacy app, split by domain."""

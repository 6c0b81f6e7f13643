"""Service functions of the privacy app (every write), split by domain."""

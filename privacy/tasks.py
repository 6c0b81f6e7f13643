"""Job kinds of the privacy app (registered with core.jobs on import)."""

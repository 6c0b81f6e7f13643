"""Models of the guard: one scan per resource version, with its outcome and override."""

__all__: list[str] = []

"""Models of anonymised releases (行政機関等匿名加工情報) and their linking-code maps."""

__all__: list[str] = []

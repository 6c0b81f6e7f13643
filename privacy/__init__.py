"""Personal data: the scanner run before publication, and anonymisation (行政機関等匿名加工情報)."""

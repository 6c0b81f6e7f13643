"""Privacy models, split by domain: the guard's scans, and anonymised releases."""

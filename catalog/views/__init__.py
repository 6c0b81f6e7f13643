"""HTML views of the catalog: public pages and staff screens."""

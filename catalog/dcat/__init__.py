"""DCAT-AP 3 views of the catalog: /catalog.ttl|.jsonld|.rdf and /dataset/<slug>.ttl|.jsonld|.rdf.

The graphs are built with rdflib from the same selectors as the public pages, as an anonymous
visitor: only published, public datasets ever appear. ``shapes.ttl`` is a SHACL shapes graph of
DCAT-AP 3's mandatory (and a few recommended) properties; the tests validate served graphs with it.
"""

"""Harvesting: copy the datasets of other catalogs (CKAN, DCAT, Kanmin) into local organisations.

``registry`` maps a source kind to its harvester, ``engine`` turns what a harvester gathered
into service calls (create, update, withdraw), ``services`` holds the staff-facing use cases
and ``guard`` keeps harvested datasets read-only. See docs/architecture.md, "Harvesting".
"""

"""CKAN-compatible Action API (/api/3/action/…): dicts, actions and the dispatching view.

Clients written for CKAN (ckanapi, harvesters, portals) work unchanged. Every action calls the
same selectors and service functions as the HTML pages.
"""

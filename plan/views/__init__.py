"""HTML views of the plan app: dashboards and exports, reporting rounds, the public page."""

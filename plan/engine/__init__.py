"""Pure engines of the plan app (no Django): achievement maths, fiscal years, import schema, SVG."""

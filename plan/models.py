"""Plan models."""

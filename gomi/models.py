"""Gomi models."""

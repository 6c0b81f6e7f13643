"""Japanese text and code utilities for Kanmin: pure Python, no Django, Sudachi loaded lazily."""

"""Core service functions: every write goes through one of these."""

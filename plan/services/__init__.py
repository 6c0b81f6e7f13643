"""Plan service functions: every write to plans, actuals and rounds goes through these."""

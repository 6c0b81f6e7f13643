"""Staff forms of the plan app: they parse input; plan/services validate and write."""

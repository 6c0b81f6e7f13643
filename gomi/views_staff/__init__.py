"""Staff screens of the gomi app (under /staff/gomi/, guarded by the two-factor middleware)."""

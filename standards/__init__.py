"""Machine-readable 自治体標準オープンデータセット definitions and header matching (pure)."""

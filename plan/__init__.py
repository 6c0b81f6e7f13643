"""Plan app: the 官民データ活用推進計画 as data, KPIs, PDCA rounds and reports."""

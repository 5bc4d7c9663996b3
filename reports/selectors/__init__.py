"""Reads behind reports and dashboards: every figure in a fixed number of queries."""

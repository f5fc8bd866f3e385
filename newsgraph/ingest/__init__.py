"""newsgraph.ingest"""

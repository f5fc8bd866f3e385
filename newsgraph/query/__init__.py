"""newsgraph.query"""

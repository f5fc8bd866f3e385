"""newsgraph.export"""

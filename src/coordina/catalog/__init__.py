"""The catalogue: reading and validating data files — the packaged and user agreements and
schemes, case files, the registry CSV, and the JSON Schemas they are checked against.

All or nothing: a bad file gives every ``file:line: message`` and nothing from it is loaded.
"""

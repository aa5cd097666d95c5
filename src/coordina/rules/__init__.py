"""The coordination rules: small pure functions, each citing the article it applies.

No I/O here: the engine receives an agreement, its schemes and a case, and returns a
``Decision`` with the trace of every rule applied.
"""

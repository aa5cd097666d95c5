"""The batch layer: populations of careers and, later, the vectorised kernel (issue 13).

Pure like the rules: no file or network I/O here; reading and writing Parquet, CSV and YAML is
the services' and the catalogue's work.
"""

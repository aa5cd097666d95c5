"""Mutual administrative assistance between institutions (issue 14), without I/O: documents
signed over their canonical form (COSE_Sign1 over deterministic CBOR), trust lists per agreement,
certificates of coverage verifiable offline, and the declared flows of documents. Keys, the
message log and the transports (HTTP between nodes, in memory in tests) are the services'."""

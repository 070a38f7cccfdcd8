"""The use cases: the stored register and everything done to it (append, verify, export,
rebuild, imports, the workflow of acts, the secretariat, accounts)."""

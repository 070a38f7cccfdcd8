"""The register's answers in the shapes they are served in: JSON and CSV rows, Popolo,
Akoma Ntoso."""

"""The register's answers in the shapes they are served in.

JSON and CSV rows (the API's `*Public` models, read plain by the CLI and the pages), Popolo
JSON and Akoma Ntoso XML.
"""

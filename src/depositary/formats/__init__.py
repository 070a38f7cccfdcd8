"""Reading and writing the register's data formats: register files, clauses files, the UN
Treaty Collection's status tables."""

"""`python -m depositary.cli`: the same as the `depositary` command."""

from depositary.cli import app

app()

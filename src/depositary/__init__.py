"""depositary: a depositary and secretariat for treaty-based communities of states."""

import logging

__version__ = "0.1.0"

# A library adds no handler of its own: the records of writes, refusals and sign-ins
# (app/records.py) go where the application says, and nowhere by default.
logging.getLogger("depositary").addHandler(logging.NullHandler())

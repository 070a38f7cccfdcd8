"""depositary: a depositary and secretariat for treaty-based communities of states."""

__version__ = "0.1.0"

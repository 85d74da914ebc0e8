"""Review desk for user-generated video campaigns on TV."""
__version__ = "0.1.0"

"""checker: consistency and translation-quality checks for wire copy translated into English."""

__version__ = "0.1.0"

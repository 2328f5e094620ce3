"""The sample class and drawn classes."""

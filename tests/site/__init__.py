"""The course's website and the guide."""

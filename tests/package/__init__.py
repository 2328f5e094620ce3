"""The package itself: its environment, layering, installation and message catalogues."""

"""The lessons as documents: text, both languages, mistakes, generated files, determinism."""

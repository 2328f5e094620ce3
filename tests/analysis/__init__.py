"""The report, item analysis and the similarity check."""

"""Canvas and Moodle: downloads, rosters, exports."""

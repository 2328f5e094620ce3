"""The student's workspace, lab and laptop set-up, with and without a browser."""

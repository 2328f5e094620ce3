"""What several test modules share: hostile submissions, real servers, the browser, nbval items."""

"""Reviews in the web app: one worker thread runs the library's review and stores the result."""

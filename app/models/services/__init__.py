"""Small service functions: the only way the UI and the command line read and change data."""

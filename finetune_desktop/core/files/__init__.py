"""Safe file handling: crash-safe replacement and refusing what is not a regular file."""

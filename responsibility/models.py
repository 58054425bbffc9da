"""Customer responsibility: built in the responsibility issue."""

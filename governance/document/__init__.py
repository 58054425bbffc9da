"""The strategy document: the year's customer strategy assembled from live data in the 2008
report's structure (contents), and rendered as a print page, PDF and Word file."""

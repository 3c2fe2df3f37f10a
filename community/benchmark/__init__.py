"""What ``manage.py bench`` needs besides the command itself.

* data: building a data set of a given size once, and finding it again
* text: the English and German titles and posts of the data sets
* pages: the pages the benchmark measures, its search queries and the targets
* bare: the reference page (50 rows, one query), routed only while the benchmark runs
* timing: interleaved rounds and the statistics printed from them

Nothing here is routed or imported by the site itself.
"""

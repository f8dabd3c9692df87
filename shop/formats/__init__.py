"""Date and time formats of the shop's languages (FORMAT_MODULE_PATH).

Only the output formats are set here; input formats and number separators
come from Django's own locale files. Django's fr_CA time format leaves the
"h" of "23 h 30" unescaped, and "h" is the 12-hour hour: "23 11 30".
"""

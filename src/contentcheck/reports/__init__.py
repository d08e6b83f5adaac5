"""Report formats: each module turns a Report into text for one audience, reading findings only,
and registers itself with `registry.report_format` (`--format NAME`).

A format returns its text whole, or as an iterable of pieces, one file at a time, so a run over
tens of thousands of files never holds its whole report in memory."""

"""What the dashboard, the exports and `hocvu admin report` compute (DESIGN section 7).

`sync.server.reports` holds the public functions; `results` the derived table that
ingest fills so the overview does not read every statement body.
"""

"""What the dashboard, the exports and `hocvu admin report` compute (DESIGN section 7).

`overview`, `learners` (units and learners), `assignments`, `items` (with
`item_stats` and `quizzes`) and `versions` compute the pages' numbers over a scope;
`tables` declares each export table once (`spec.TableSpec`). They read the derived
tables ingest keeps (`sync.server.derived`), never every statement body.
"""

"""Derived tables: what ingest writes beside the statements, in their transaction, so
that reports read a few rows per learner instead of every statement body.

- `results`: `learner_results`, one row per learner and quiz, exam or placement
  activity (earliest pass, best score, attempts);
- `pack_versions`: `learner_pack_versions` (what a learner's statements were made
  with) and `pack_downloads` (what a device downloaded to the last byte);
- `progress`: `learner_progress`, the app's own figures (`sync.progress`);
- `item_answers`: `item_answers`, each learner's first answer to each item of a
  pack version, in authored ids, with the rest of its attempt's score.

Each is also filled by a migration from the statements stored before it existed,
with the same code. The reports themselves live in `sync.server.reporting`.
"""

"""The leadership dashboard, split by concept:

- figures: the province's or one initiative's headline figures, breakdowns, progress, overdue
  records and the stats API's body (aggregate queries only);
- expectations: coverage per initiative and the provincial-scope expectation (≥ 50%);
- matrix: agencies × initiatives in rollout — the one query behind the matrix pages and the
  Excel export of the matrix;
- records: the list of adoption records behind every figure;
- context, forms, views, urls: the pages.

"Overdue" has one definition, adoption.selectors.overdue_q (overdue_flag as a column).
"""

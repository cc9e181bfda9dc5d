"""A model's answer and where it lands: parsing the answer format (whole files, search/replace
edits, deletions), writing it into a workspace safely, diffs of a change, and the case's evidence
folder."""

"""What a run's results become: the record of each behaviour test (``record``), reading results
(``results``), cases with their ``case.json`` (``cases``), ``report.html`` (``html``), the Markdown
run summary (``markdown``), ``llmcode compare`` and its gate report (``compare``, ``gate``), and
``llmcode merge`` (``merge``). Nothing here imports pytest or the pipeline."""

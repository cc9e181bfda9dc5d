"""The browser of the checks: :mod:`~pytest_llmcode.browser.host` starts Chromium (one per worker,
or per case) and opens pages; :mod:`~pytest_llmcode.browser.log` records what a page said."""

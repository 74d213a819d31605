"""Browser tests: the lessons in JupyterLab in a real Chromium (see labdriver)."""

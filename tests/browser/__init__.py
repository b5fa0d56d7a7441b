"""Tests in a real browser: JupyterLab driven through Debian's chromium by playwright."""

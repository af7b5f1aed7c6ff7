"""The ``geoinc`` command line: one module per subcommand, wired up in :mod:`geoinc.cli.main`."""

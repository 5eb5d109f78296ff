import sys

try:
    from qa.cli.commands import main
except ModuleNotFoundError as err:
    # Run with a Python that lacks the project's packages (the system one, say).
    sys.exit(
        f"python -m qa needs the project's environment, and this Python has no {err.name!r}.\n"
        "Install it once with `make setup` (or `bash scripts/setup.sh`), then run\n"
        "  .venv/bin/python -m qa --help"
    )

main()

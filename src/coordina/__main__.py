"""``python -m coordina``: the command line, as the ``coordina`` script (for worker processes
started with ``sys.executable``, whatever the scripts folder)."""

from coordina.cli import main

if __name__ == "__main__":
    main()

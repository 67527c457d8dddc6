"""``python -m coprod_data``: the same command line as ``coprod-data``."""

from coprod_data.cli import main

if __name__ == "__main__":
    main()

"""``python -m huawei_timeline`` runs the command line."""

from .cli import main

main()

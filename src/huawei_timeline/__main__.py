"""``python -m huawei_timeline`` runs the command line."""

from huawei_timeline.cli.main import main

main()

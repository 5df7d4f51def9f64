"""Command line: ``main`` (the ``huawei-timeline`` command) and ``timeml`` (its sub-commands)."""

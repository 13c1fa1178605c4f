"""How worker processes start; cheap to import, so the command line can start them first.

Workers come from a fork server where the platform has one: a process holding DuckDB's
threads is never forked, and the server imports the engine once, so every worker starts with
the rules already compiled.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing.context import BaseContext

ENGINE = "extract.pipeline"  # what the fork server imports before forking workers


def context() -> BaseContext:
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload([ENGINE])
    return ctx


def start_early() -> None:
    """Start the fork server now, so that it imports the engine while this process does too."""
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()

"""End the `jobgen` process as soon as its command is over.

Once a command has printed its last line and said how it ended, Python still tears
the interpreter down: it frees every module and object one by one, which takes
25 ms after a `generate` and up to 90 ms after a large `stage`, on a 200 ms command
that a recruiter runs many times an hour. Nothing of that teardown is visible, so
the process ends at once instead, after doing everything a normal exit does that can
be seen: the `atexit` handlers run (caches kept on disk, PDF workers stopped,
temporary folders removed by `weakref.finalize`), and stdout and stderr are flushed.

Only the console command does this (`run()`), never `main()` called from Python or
from a test, and never when the normal exit has more to do than free memory: another
thread still running, a profiler or a tracer (coverage) that writes its report at
exit, an exit status given as a message, or a stream that cannot be flushed.
"""

from __future__ import annotations

import atexit
import os
import sys


def exit_now(code: object) -> None:
    """End the process with `code` (SystemExit's) without the interpreter's teardown;
    returns, doing nothing, when the normal exit is needed."""
    if code is None:
        code = 0
    if not isinstance(code, int):
        return  # SystemExit("message"): Python prints it
    if sys.gettrace() is not None or sys.getprofile() is not None or _other_threads():
        return
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's, since 3.0
    if run_exit_handlers is None:
        return
    try:
        run_exit_handlers()  # and forgets them: a normal exit after this runs none twice
        for stream in (sys.stdout, sys.stderr):
            if stream is not None and not stream.closed:
                stream.flush()
    except BaseException:  # a closed pipe, say: Python's own exit reports it
        return
    os._exit(code & 0xFF)  # what the system keeps of any exit status, as Python's exit


def _other_threads() -> bool:
    """A thread the normal exit would wait for (not a daemon: a worker pool's manager,
    a server) is still running."""
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    main = threading.main_thread()
    return any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate())

"""Which process holds an e-mail claim, and whether that process is provably gone.

A claim records the process that sends: the machine's boot id and PID namespace, the PID and
the process's start time. Another process of the same machine (same boot, same PID namespace)
can then tell for certain that the sender has ended — no such PID any more, a zombie, or a
different process that reuses the PID — and release its claim at once instead of waiting for
it to expire. A claim made on another machine or in another container cannot be checked from
here: it is released only when it expires (outbox.CLAIM_TIMEOUT), which is longer than a send
may last (EMAIL_TIMEOUT, the task's time limit). Off Linux nothing is provable: "" is recorded.
"""

import os
from functools import cache
from pathlib import Path


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


@cache
def _this_machine() -> str:
    boot = _read("/proc/sys/kernel/random/boot_id")
    try:
        namespace = os.readlink("/proc/self/ns/pid")  # e.g. "pid:[4026531836]"
    except OSError:
        return ""
    return f"{boot}/{namespace}" if boot else ""


def _state_and_start(pid: str) -> tuple[str, str] | None:
    """State and start time (in clock ticks since boot) from /proc/<pid>/stat, or None."""
    stat = _read(f"/proc/{pid}/stat")
    if not stat:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # the command name may hold spaces
    return fields[0], fields[19]


def current_holder() -> str:
    machine = _this_machine()
    pid = str(os.getpid())
    found = _state_and_start(pid) if machine else None
    return f"{machine}/{pid}/{found[1]}" if found else ""


def is_gone(holder: str) -> bool:
    """True only when the holder certainly no longer runs; False when alive or unknowable."""
    if not holder or holder.count("/") < 3:
        return False
    machine, pid, started = holder.rsplit("/", 2)
    if machine != _this_machine():
        return False
    found = _state_and_start(pid)
    if found is None:
        return True
    state, start = found
    return state in ("Z", "X") or start != started

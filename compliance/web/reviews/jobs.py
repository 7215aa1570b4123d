"""Background jobs on one worker thread, so reviews never run at the same time (the rules
engine is not thread-safe) and a long upload can show its progress."""
from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Optional, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
KEEP = 500


class Rejected(Exception):
    """The work cannot be done as asked; ``message`` and ``rows`` say why, in Swedish."""

    def __init__(self, message: str, rows: list[dict] | None = None):
        super().__init__(message)
        self.message, self.rows = message, rows or []


@dataclass
class Job:
    id: str
    owner: int
    title: str
    state: str = "queued"            # queued | running | done | failed
    phase: str = "Väntar på tur"
    url: Optional[str] = None
    error: Optional[str] = None
    rows: list[dict] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)

    def wait(self, seconds: float) -> bool:
        return self.finished.wait(seconds)


class JobQueue:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="granskning")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, owner: int, title: str, work: Callable[[Job], str]) -> Job:
        """Queue ``work``; it returns the URL of its result or raises Rejected."""
        job = Job(id=uuid.uuid4().hex, owner=owner, title=title)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, work)
        return job

    def call(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the worker thread and wait for its result."""
        return self._pool.submit(work).result()

    def get(self, job_id: str, owner: int) -> Optional[Job]:
        job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def ahead(self, job: Job) -> int:
        """How many queued or running jobs are before ``job``."""
        with self._lock:
            jobs = list(self._jobs.values())
        return sum(1 for other in jobs[:jobs.index(job)] if other.state in ("queued", "running"))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _run(job: Job, work: Callable[[Job], str]) -> None:
        job.state, job.phase = "running", "Granskar"
        try:
            job.url = work(job)
            job.state, job.phase = "done", "Klar"
        except Rejected as exc:
            job.state, job.phase, job.error, job.rows = "failed", "Avvisad", exc.message, exc.rows
        except Exception:
            log.exception("jobbet %s (%s) misslyckades", job.id, job.title)
            job.state, job.phase = "failed", "Fel"
            job.error = ("Något gick fel när granskningen kördes. Ingenting sparades. "
                         "Försök igen eller kontakta administratören.")
        finally:
            job.finished.set()

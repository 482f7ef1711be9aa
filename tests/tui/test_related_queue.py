"""RelatedQueue: the opened article first, then prefetches; one worker; stale generations."""

from __future__ import annotations

from reader.tui.related_queue import RelatedJob, RelatedQueue


def _drain(queue: RelatedQueue) -> list[RelatedJob]:
    jobs = []
    while (job := queue.next()) is not None:
        jobs.append(job)
    return jobs


def test_a_worker_starts_only_when_none_runs() -> None:
    queue = RelatedQueue()
    assert queue.idle
    assert queue.want("a") is True  # start one
    assert queue.prefetch(["b"]) is False  # the running one will take it
    assert [j.article_id for j in _drain(queue)] == ["a", "b"]
    assert queue.idle  # the worker ended with the queue empty
    assert queue.prefetch([]) is False  # nothing to do: no worker
    assert queue.prefetch(["c"]) is True


def test_the_opened_article_goes_before_prefetches_and_drops_them() -> None:
    queue = RelatedQueue()
    queue.prefetch(["n1", "p1", "n2"])
    first = queue.next()
    assert first is not None and first.article_id == "n1" and first.prefetch
    queue.want("far")  # the reader jumped elsewhere: the old neighbours are not wanted now
    jobs = _drain(queue)
    assert [(j.article_id, j.prefetch) for j in jobs] == [("far", False)]


def test_asking_for_the_list_being_computed_does_not_compute_it_twice() -> None:
    queue = RelatedQueue()
    queue.prefetch(["n1", "n2"])
    busy = queue.next()
    assert busy is not None and busy.article_id == "n1"
    assert queue.want("n1") is False  # its result is on its way
    assert queue.prefetch(["n1", "n2", "n2"]) is False
    assert [j.article_id for j in _drain(queue)] == ["n2"]


def test_forget_makes_earlier_jobs_stale_and_clears_the_queue() -> None:
    queue = RelatedQueue()
    queue.want("a")
    queue.prefetch(["b"])
    job = queue.next()
    assert job is not None and job.generation == queue.generation
    queue.forget()
    assert job.generation != queue.generation  # its result must not be used
    assert queue.want("a") is False  # the worker still runs; it computes "a" again
    again = queue.next()
    assert again is not None and again.article_id == "a"
    assert again.generation == queue.generation
    assert queue.next() is None


def test_stop_lets_a_new_worker_start() -> None:
    queue = RelatedQueue()
    queue.want("a")
    queue.next()
    queue.stop()  # the worker was cancelled
    assert queue.idle
    assert queue.want("b") is True


def test_waiting_for_a_list_ends_when_its_job_is_done_or_times_out() -> None:
    import threading
    import time

    queue = RelatedQueue()
    assert queue.wait_for("a", 0.0)  # never asked for: nothing to wait for
    queue.want("a")
    start = time.monotonic()
    assert not queue.wait_for("a", 0.05)  # waiting, and nobody computes it
    assert time.monotonic() - start >= 0.05
    job = queue.next()
    assert job is not None and job.article_id == "a"
    assert not queue.wait_for("a", 0.0)  # being computed
    assert queue.wait_for("b", 0.0)  # another article's list is not waited for

    def worker() -> None:
        time.sleep(0.05)
        queue.next()  # the result of "a" is posted: the next job is taken (none)

    thread = threading.Thread(target=worker)
    thread.start()
    start = time.monotonic()
    assert queue.wait_for("a", 2.0)
    assert time.monotonic() - start < 1.0  # woken when the job ended, not at the timeout
    thread.join()

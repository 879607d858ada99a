"""sweep_tasks.poll_tasks: the one loop by which the parent follows a sweep's running tasks,
on local processes (run_in_processes) and on a Dask cluster (run_on_cluster)."""
import pytest

from backprop_lab.model.sweep_tasks import poll_tasks


class FakeTask:
    """A handle that finishes after ``polls`` checks with (id, outcomes, seconds)."""

    def __init__(self, task_id, polls, outcomes=("o",), error=None):
        self.task_id, self.polls, self.outcomes, self.error = task_id, polls, outcomes, error
        self.waits = 0

    def done(self):
        self.polls -= 1
        return self.polls < 0

    def result(self):
        if self.error:
            raise self.error
        return self.task_id, self.outcomes, 0.5


def run(tasks, cancelled=lambda: False, progress=()):
    collected, reported, log = [], [], []
    queue = list(progress)

    def drain():
        log.append("drain")
        while queue:
            reported.append(queue.pop(0))

    def wait(t):
        t.waits += 1
        log.append(f"wait {t.task_id}")

    finished = poll_tasks(list(tasks), done=FakeTask.done, result=FakeTask.result, wait=wait,
                          drain=drain, cancelled=cancelled,
                          collect=lambda *a: collected.append(a))
    return finished, collected, reported, log


def test_every_finished_task_is_collected_once_in_the_order_it_finished():
    tasks = [FakeTask(0, 3), FakeTask(1, 0), FakeTask(2, 1)]
    finished, collected, _, log = run(tasks)
    assert finished is True
    assert collected == [(1, ("o",), 0.5), (2, ("o",), 0.5), (0, ("o",), 0.5)]
    # it waits on the first task still running, never on one collected
    assert log.count("wait 0") == 3 and "wait 1" not in log


def test_a_task_cancelled_inside_its_worker_is_not_collected():
    finished, collected, _, _ = run([FakeTask(0, 0, outcomes=None), FakeTask(1, 0)])
    assert finished is True
    assert [c[0] for c in collected] == [1]


def test_progress_is_drained_every_poll_and_once_more_at_the_end():
    finished, _, reported, log = run([FakeTask(0, 2)], progress=[(0, 1), (0, 2)])
    assert reported == [(0, 1), (0, 2)]
    assert log[0] == "drain" and log[-1] == "drain"
    assert log.count("drain") == 4              # 3 polls, then the last drain


def test_cancel_returns_false_at_once_and_collects_nothing_more():
    polls = []

    def cancelled():
        polls.append(1)
        return len(polls) > 1

    tasks = [FakeTask(0, 0), FakeTask(1, 5)]
    finished, collected, _, log = run(tasks, cancelled)
    assert finished is False
    assert [c[0] for c in collected] == [0]
    assert tasks[1].waits == 1


def test_a_tasks_error_is_raised_in_the_parent():
    with pytest.raises(ZeroDivisionError):
        run([FakeTask(0, 0, error=ZeroDivisionError("in a worker"))])


def test_no_tasks_finish_at_once():
    assert run([])[0] is True

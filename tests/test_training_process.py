"""A max-speed run trains in a process of its own (model/trainer_process.py,
gui/worker_process.py), and the trainer that comes back is the one this process
would have trained, bit for bit: weights, optimizer, generators, history, status,
the timeline's states."""
import contextlib
import time

import numpy as np
import pytest

from backprop_lab.model import Trainer, TrainConfig, make_data
from backprop_lab.model.history import History
from backprop_lab.model.timeline import Timeline
from backprop_lab.model.trainer_process import TrainerProcess
from backprop_lab.gui.training_session import TrainingSession

CONFIGS = {
    "sgd": TrainConfig(dataset="xor", stop_at_100=False),
    "adam, mini-batches, dropout, cosine, clipping, test set": TrainConfig(
        dataset="xor", stop_at_100=False, optimizer="adam", batch_size=16, dropout=(0.2,),
        lr_schedule="cosine", lr_period=300, clip_norm=0.5, test_fraction=0.25, lr=0.02),
    "three layers of 32 on 2 000 points": TrainConfig(
        dataset="circle", n_points=2000, hidden=(32, 32, 32), activation="relu",
        optimizer="momentum", stop_at_100=False),
    "regression": TrainConfig(task="regression", dataset="plane", output_activation="none",
                              stop_at_100=False, test_fraction=0.2),
}


@pytest.fixture(scope="module")
def proc():
    p = TrainerProcess.acquire()
    deadline = time.monotonic() + 30
    while not p.ready():
        assert time.monotonic() < deadline, "the training process did not start"
        time.sleep(0.01)
    yield p
    p.release()


def same_history(a: History, b: History) -> bool:
    ha, hb = a.arrays(), b.arrays()
    return set(ha) == set(hb) and all(np.array_equal(ha[c], hb[c], equal_nan=True) for c in ha)


def train_elsewhere(proc, trainer, timeline, until=None):
    """Send ``trainer`` out until epoch ``until`` or its own stop, taking the news in as
    the worker does (the last chunk may go past ``until``)."""
    proc.begin(trainer, timeline.spacing)
    end = time.monotonic() + 60
    while proc.running and time.monotonic() < end and (until is None or trainer.epoch < until):
        for news in proc.receive(0.005):
            news.apply(trainer, timeline)
        if timeline.spacing != proc.spacing:
            proc.set_spacing(timeline.spacing)
    for news in proc.stop():
        news.apply(trainer, timeline)


@pytest.mark.parametrize("name", list(CONFIGS))
def test_a_run_in_the_process_equals_one_trained_here(proc, name):
    cfg = CONFIGS[name]
    data = make_data(cfg)
    here, there = Trainer(cfg, *data), Trainer(cfg, *data)
    timeline = Timeline(max_states=64)
    for t in (here, there):
        t.run(40)
    timeline.record(there)
    train_elsewhere(proc, there, timeline, until=300)
    assert there.epoch >= 300 and timeline.spacing > 1  # it trained there, across thinnings
    here.run(there.epoch - here.epoch)
    assert np.array_equal(here.network.theta, there.network.theta)
    assert np.array_equal(here.theta_prev, there.theta_prev)
    assert np.array_equal(here.update, there.update)
    assert same_history(here.history, there.history)
    assert here.history.lr_now == there.history.lr_now
    # and both go on alike: optimizer state and generators came back too
    here.run(25)
    there.run(25)
    assert np.array_equal(here.network.theta, there.network.theta)
    assert same_history(here.history, there.history)


def test_the_states_it_sends_are_kept_on_the_spacing_and_resume_bit_for_bit(proc):
    cfg = CONFIGS["adam, mini-batches, dropout, cosine, clipping, test set"]
    data = make_data(cfg)
    tr, timeline = Trainer(cfg, *data), Timeline(max_states=32)
    timeline.record(tr)
    train_elsewhere(proc, tr, timeline, until=500)
    epochs = timeline.epochs()
    assert len(epochs) > 8 and all(e % timeline.spacing == 0 for e in epochs[:-1])
    middle = epochs[len(epochs) // 2]
    reference = Trainer(cfg, *data)
    reference.run(middle)
    assert np.array_equal(timeline.state(middle).theta, reference.network.theta)
    assert timeline.state(middle).history_len == reference.history.n
    end = tr.epoch
    timeline.restore(tr, middle)
    tr.run(end - middle)
    reference.run(end - middle)
    assert np.array_equal(tr.network.theta, reference.network.theta)


def test_a_run_ends_there_when_the_trainer_stops(proc):
    cfg = TrainConfig(dataset="xor", stop_at_100=False, max_epochs=3000)
    tr = Trainer(cfg, *make_data(cfg))
    train_elsewhere(proc, tr, Timeline())
    assert (tr.epoch, tr.status) == (3000, "max_epochs")
    bad = TrainConfig(dataset="xor", stop_at_100=False, lr=1000, activation="none",
                      output_activation="none")
    here, there = Trainer(bad, *make_data(bad)), Trainer(bad, *make_data(bad))
    train_elsewhere(proc, there, Timeline())
    here.run()
    assert there.status == here.status == "diverged"
    assert (there.epoch, there.message, there.first_bad_layer) == \
        (here.epoch, here.message, here.first_bad_layer)


def test_history_extend_equals_appending_row_by_row_across_thinnings():
    rng = np.random.default_rng(0)
    a, b = History(3, capacity=4, max_rows=64), History(3, capacity=4, max_rows=64)
    source = History(3, capacity=4, max_rows=10_000)
    for epoch in range(1, 301):
        row = rng.random(4)
        source.append(epoch, *row)[:] = rng.random(3)
        a.append(epoch, *row)[:] = source.view().grad_norms[-1]
        if epoch % 37 == 0:
            for h in (source, a):
                h.set_extras(0.5 / epoch, 0.25)
    b.extend(source.arrays(), source.lr_now)
    assert same_history(a, b) and a.n == b.n < 300


@contextlib.contextmanager
def playing_at_max_speed():
    """A session playing the default network at max speed; shut down afterwards."""
    cfg = TrainConfig(stop_at_100=False, max_epochs=100_000_000)
    session = TrainingSession(cfg, *make_data(cfg))
    try:
        session.set_speed(0.0)
        session.play()
        yield cfg, session, session.worker
    finally:
        assert session.shutdown()


@contextlib.contextmanager
def sent_out_at_max_speed(qtbot):
    """The same, once its run has gone to the training process."""
    with playing_at_max_speed() as (cfg, session, worker):
        qtbot.waitUntil(lambda: worker._proc is not None and worker._proc.running, timeout=20000)
        yield cfg, session, worker


def test_at_max_speed_training_goes_on_while_a_frame_is_drawn(qtbot):
    """The point of the process: drawing no longer holds training back."""
    with sent_out_at_max_speed(qtbot) as (cfg, session, worker):
        assert session.trains_elsewhere()
        session.frame_started()                       # in the thread, training would stand aside
        e0 = worker.trainer.epoch
        qtbot.waitUntil(lambda: worker.trainer.epoch > e0 + 100, timeout=5000)
        session.frame_finished()
        session.pause()
        qtbot.waitUntil(lambda: not session.trains_elsewhere(), timeout=5000)
        # paused, the trainer is the one a run here would have made
        done = {}
        session.call(lambda w: (w.trainer.epoch, w.trainer.network.theta.copy()),
                     lambda result, error: done.update(result=result))
        qtbot.waitUntil(lambda: "result" in done, timeout=5000)
        epoch, theta = done["result"]
        reference = Trainer(cfg, *make_data(cfg))
        reference.run(epoch)
        assert np.array_equal(theta, reference.network.theta)


def test_a_child_that_dies_leaves_the_worker_training_in_its_thread(qtbot):
    with sent_out_at_max_speed(qtbot) as (_cfg, session, worker):
        worker._proc._child.kill()
        qtbot.waitUntil(lambda: not worker.use_process, timeout=5000)
        e0 = worker.trainer.epoch
        qtbot.waitUntil(lambda: worker.trainer.epoch > e0 + 100, timeout=5000)
        assert worker.running and not session.trains_elsewhere()


def test_without_a_process_to_start_the_worker_trains_in_its_thread(qtbot, monkeypatch):
    def cannot_start(self):
        raise OSError("no interpreter to run")
    monkeypatch.setattr(TrainerProcess, "__init__", cannot_start)
    monkeypatch.setattr(TrainerProcess, "_idle", [])          # no child left from other tests
    with playing_at_max_speed() as (_cfg, _session, worker):
        qtbot.waitUntil(lambda: worker.trainer.epoch > 3000, timeout=10000)
        assert not worker.use_process and worker._proc is None and worker.running


def test_a_session_puts_this_process_s_blas_on_one_thread(qtbot):
    from threadpoolctl import threadpool_info
    cfg = TrainConfig()
    session = TrainingSession(cfg, *make_data(cfg))
    try:
        assert all(lib["num_threads"] == 1 for lib in threadpool_info() if lib["user_api"] == "blas")
    finally:
        assert session.shutdown()

"""Neuron health through the window: a unit that stops learning is marked on the diagram."""
import pytest

from backprop_lab.model import TrainConfig

WAIT = 10_000


@pytest.fixture
def window(make_window):
    # relu 2-3-1 with seed 4: no unit starts dead on xor-easy (many seeds start with one)
    return make_window(TrainConfig(hidden=(3,), activation="relu", seed=4), timeout=WAIT)


def test_a_relu_unit_killed_in_the_live_trainer_is_marked_dead_on_the_diagram(qtbot, window):
    diagram = window.views["networkView"]
    qtbot.waitUntil(lambda: diagram.health is not None, timeout=WAIT)
    assert [node.mark for node in diagram.nodes[1]] == [None, None, None]
    done = []

    def kill_unit_0(worker):
        worker.trainer.network.blocks[0][2, 0] = -100.0   # bias b0: z < 0 on every point

    window.session.call(kill_unit_0, lambda result, error: done.append(error))
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    assert done == [None]
    window.session.step(1)
    qtbot.waitUntil(lambda: diagram.nodes[1][0].mark == "dead", timeout=WAIT)
    assert [node.mark for node in diagram.nodes[1][1:]] == [None, None]
    assert "dead on 100% of training points" in diagram.node_tooltip(diagram.nodes[1][0])

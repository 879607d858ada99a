"""Every formula the inspector shows lets a student recompute the number beside it:
these tests parse the texts (model/inspect_text.py) and redo the arithmetic."""
import re

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.inspect import Phase, param_table, trace_epoch

NUM = r"\(?[−-]?\d+(?:\.\d+)?(?:e[+−-]?\d+)?\)?"


def num(text: str) -> float:
    return float(text.strip("() ").replace("−", "-"))


def trained(epochs=300, **kw):
    X, y = datasets.xor_easy()
    kw.setdefault("hidden", (3, 2))
    tr = Trainer(TrainConfig(**kw), X, y)
    tr.run(epochs)
    return tr


def all_texts(trace):
    """describe() of every phase, for every unit (forward/backward) or the first parameters."""
    for ph in trace.phases:
        if ph.kind in ("forward", "backward"):
            for j in range(trace.layers[ph.layer].width):
                yield ph, j, trace.describe(ph, j)
        elif ph.kind == "update":
            for p in range(0, len(trace.theta_before), 3):
                yield ph, p, trace.describe(ph, p)
        else:
            yield ph, None, trace.describe(ph)


def products_sum(terms: str) -> tuple[float, float]:
    """'a·b + c·d + e' -> (the sum, the sum of |terms|)."""
    total = scale = 0.0
    for term in terms.split(" + "):
        v = np.prod([num(f) for f in term.split("·")])
        total, scale = total + v, scale + abs(v)
    return total, scale


@pytest.mark.parametrize("sample", [3, None])
def test_forward_sum_recomputes_z_and_z_gives_a(sample):
    trace = trace_epoch(trained(activation="tanh"), sample=sample)
    checked = 0
    for ph, j, text in all_texts(trace):
        m = re.search(r"unit \d+: z = Σ[^=]*= (.*) = (" + NUM + r")\n", text)
        if ph.kind != "forward" or sample is None:
            assert m is None or sample is not None
            continue
        total, scale = products_sum(m.group(1))
        assert total == pytest.approx(num(m.group(2)), abs=2e-3 * scale + 1e-12), text
        checked += 1
    assert checked == (3 + 2 + 1 if sample is not None else 0)


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "momentum"])
def test_update_with_weight_decay_shows_the_decay_term_and_recomputes_dw(optimizer):
    tr = trained(optimizer=optimizer, weight_decay=0.05, lr=0.1)
    trace = trace_epoch(tr)
    table = param_table(trace.layers)
    seen = 0
    for ph, p, text in all_texts(trace):
        if ph.kind != "update":
            continue
        assert "η·λ·w" in text
        dw = num(re.search(r"Δw = (" + NUM + r"),", text).group(1))
        assert dw == pytest.approx(trace.batches[0].update[p], rel=1e-3, abs=1e-12)
        if table[p][1] == "b":
            assert "not decayed" in text
            continue
        if optimizer == "sgd":
            m = re.search(r"SGD \+ decay: .*= −(" + NUM + r")·(" + NUM + r") − (" + NUM + r")·(" + NUM
                          + r")·(" + NUM + r") = ", text)
            lr, g, lr2, wd, w0 = (num(m.group(k)) for k in range(1, 6))
            redo = -lr * g - lr2 * wd * w0
        else:
            m = re.search(r"step (" + NUM + r") − η·λ·w = \S+ − (" + NUM + r")·(" + NUM + r")·(" + NUM
                          + r") = ", text)
            step, lr, wd, w0 = (num(m.group(k)) for k in range(1, 5))
            redo = step - lr * wd * w0
        assert redo == pytest.approx(dw, rel=2e-3, abs=1e-9), text
        seen += 1
    assert seen > 3


def test_weights_before_and_after_differ_in_print_by_the_shown_step():
    tr = trained(epochs=3000, lr=0.01)          # late and slow: |Δw| ≪ |w|
    trace = trace_epoch(tr)
    tiny = 0
    for ph, p, text in all_texts(trace):
        if ph.kind != "update":
            continue
        m = re.search(r"Δw = (" + NUM + r"),  w: (\S+) → (\S+)\n", text)
        dw, w0, w1 = num(m.group(1)), num(m.group(2)), num(m.group(3))
        true = trace.batches[0].update[p]
        if true != 0:
            assert m.group(2) != m.group(3), text
            assert w1 - w0 == pytest.approx(dw, rel=2e-3), text
        tiny += abs(true) < 1e-4 * abs(trace.batches[0].theta_before[p])
    assert tiny > 0                              # the case that printed the same w twice


def test_conv_kernel_gradient_is_labelled_by_filter_and_recomputes():
    X, y = datasets.xor_easy()
    cfg = TrainConfig(features=("x1", "x2", "x1^2", "x2^2", "x1*x2"), conv_kernel=2, conv_filters=3,
                      hidden=(4,))
    tr = Trainer(cfg, X, y)
    tr.run(50)
    trace = trace_epoch(tr, sample=5)
    conv = trace.layers[0]
    L = conv.positions
    bt = trace.batches[0]
    gK, gb = trace.blocks(bt.sample_grad)[0]
    for j in (0, L - 1, L, 2 * L + 1):
        text = trace.describe(Phase("backward", 0, 0), j)
        c = j // L
        m = re.search(r"K\[0, f(\d+)\]: (.*) = (" + NUM + r");   ∂ℓ/∂b\[f(\d+)\] = Σ over positions of δ = "
                      r"(.*) = (" + NUM + r")", text)
        assert m is not None, text
        assert int(m.group(1)) == c and int(m.group(4)) == c
        total, scale = products_sum(m.group(2))
        assert total == pytest.approx(num(m.group(3)), abs=2e-3 * scale + 1e-12)
        assert num(m.group(3)) == pytest.approx(gK[0, c], rel=1e-3, abs=1e-12)
        assert num(m.group(6)) == pytest.approx(gb[c], rel=1e-3, abs=1e-12)
        assert "∂ℓ/∂b[" + str(j) + "]" not in text


def test_without_biases_no_text_mentions_b():
    trace = trace_epoch(trained(bias=False), sample=2)
    batch = trace_epoch(trained(bias=False))
    for tr in (trace, batch):
        for ph, _, text in all_texts(tr):
            assert "+ b" not in text and "∂L/∂b" not in text and "∂ℓ/∂b" not in text, text
        for ph in tr.phases:
            assert "∂L/∂b" not in tr.node_values(ph)[0]


def test_no_negative_zero_is_printed():
    tr = trained(activation="relu", hidden=(4, 4))
    trace = trace_epoch(tr, sample=0)
    dead = trace.batches[0].sample_delta[0] == 0
    assert dead.any()                                  # some unit passes no gradient back
    for _, _, text in all_texts(trace):
        assert not re.search(r"−0(?![.\d])", text), text


def test_a_mini_batch_is_not_called_the_whole_batch():
    trace = trace_epoch(trained(batch_size=8))
    assert len(trace.batches) == 3
    for ph in trace.phases:
        head = trace.describe(ph).split("\n")[0]
        assert "whole batch" not in head
        assert f"mini-batch {ph.batch + 1} of 3: n = {trace.batches[ph.batch].m} of the 21 points" in head
    full = trace_epoch(trained())
    assert "whole batch, n = 21" in full.describe(full.phases[0])


def test_node_table_heading_names_the_bias_gradient_only_when_there_are_biases(qtbot):
    from backprop_lab.gui.inspect_panel import InspectPanel
    for bias, heading in ((True, "Σ δ = ∂L/∂b"), (False, "Σ δ")):
        panel = InspectPanel()
        qtbot.addWidget(panel)
        panel.set_trainer(trained(bias=bias))
        panel.next_phase()
        assert panel.nodes.horizontalHeaderItem(4).text() == heading

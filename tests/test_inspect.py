"""backprop_lab.model.inspect: an epoch taken apart shows the engine's own numbers and applies exactly."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.inspect import Phase, clone_trainer, param_table, trace_epoch


def _trainer(**kw):
    X, y = datasets.xor_easy()
    kw.setdefault("hidden", (3, 2))
    return Trainer(TrainConfig(**kw), X, y)


def _state(tr):
    return (tr.network.theta.copy(), tr.epoch, tr.optimizer.t,
            tr.shuffle_rng.bit_generator.state["state"]["state"])


def _a_prev(bt, l):
    return bt.inputs if l == 0 else bt.a[l - 1]


@pytest.mark.parametrize("kw", [dict(loss="bce"), dict(loss="mse", activation="tanh"),
                                dict(loss="mse", activation="relu", output_activation="tanh")])
def test_batch_dW_from_traced_a_and_delta_equals_loss_and_gradients(kw):
    tr = _trainer(**kw)
    tr.run(5)
    trace = trace_epoch(tr)
    bt = trace.batches[0]
    _, grads = tr.network.loss_and_gradients(tr.X, tr.y)
    for l, (dW, db) in enumerate(grads):
        assert np.allclose(_a_prev(bt, l).T @ bt.delta[l], dW, rtol=1e-12, atol=1e-15)
        assert np.allclose(bt.delta[l].sum(axis=0), db, rtol=1e-12, atol=1e-15)


def test_tracing_leaves_the_trainer_untouched():
    tr = _trainer(batch_size=5, optimizer="adam")
    tr.run(3)
    before = _state(tr)
    trace_epoch(tr, sample=4)
    after = _state(tr)
    assert np.array_equal(before[0], after[0]) and before[1:] == after[1:]


def test_sample_output_delta_with_sigmoid_bce_is_p_minus_y_and_batch_delta_is_that_over_n():
    tr = _trainer(loss="bce")
    tr.run(2)
    n = tr.n_points
    for i in (0, 7, n - 1):
        bt = trace_epoch(tr, sample=i).batches[0]
        p = tr.network.predict(tr.X[i: i + 1])[0, 0]
        assert bt.sample_delta[-1][0] == pytest.approx(p - tr.y[i, 0], rel=1e-12)
        assert bt.delta[-1][bt.row, 0] == pytest.approx((p - tr.y[i, 0]) / n, rel=1e-12)


def test_every_layers_batch_delta_row_is_the_sample_delta_over_n():
    tr = _trainer(loss="mse", activation="tanh", hidden=(4, 3))
    tr.run(3)
    bt = trace_epoch(tr, sample=11).batches[0]
    for l in range(len(bt.delta)):
        assert np.allclose(bt.delta[l][bt.row] * bt.m, bt.sample_delta[l], rtol=1e-10, atol=1e-15)


def test_batch_gradient_is_the_mean_of_the_per_sample_gradients():
    tr = _trainer(loss="bce", l2=0.01)
    tr.run(2)
    per_sample = [trace_epoch(tr, sample=i).batches[0].sample_grad for i in range(tr.n_points)]
    bt = trace_epoch(tr).batches[0]
    assert np.allclose(np.mean(per_sample, axis=0), bt.grad_data, rtol=1e-10, atol=1e-15)
    assert not np.allclose(bt.grad, bt.grad_data)          # the L2 term comes on top


def test_sample_dW_for_one_edge_is_a_prev_times_delta():
    tr = _trainer(loss="bce")
    trace = trace_epoch(tr, sample=5)
    bt = trace.batches[0]
    for l in range(len(trace.layers)):
        dW = trace.blocks(bt.sample_grad)[l][0]
        assert np.allclose(dW, np.outer(_a_prev(bt, l)[bt.row], bt.sample_delta[l]), rtol=1e-12)


@pytest.mark.parametrize("kw", [
    dict(),                                                     # full batch SGD
    dict(optimizer="adam", lr=0.05, l2=0.001),
    dict(batch_size=4, optimizer="momentum", nesterov=True, l1=0.001),   # shuffled mini-batches
    dict(batch_size=8, optimizer="rmsprop", weight_decay=0.01, conv_kernel=2,
         features=("x1", "x2", "x1^2")),
])
def test_apply_leaves_weights_bit_identical_to_a_normal_step(kw):
    traced, plain = _trainer(**kw), _trainer(**kw)
    for epoch in range(4):                     # the shuffle rng must keep advancing in step
        trace = trace_epoch(traced, sample=epoch)
        stats = trace.apply(traced)
        ref = plain.step()
        assert trace.matches
        assert np.array_equal(traced.network.theta, plain.network.theta)
        assert np.array_equal(trace.theta_after, plain.network.theta)
        assert stats.loss == ref.loss == pytest.approx(trace.loss, rel=1e-12)


def test_clone_trainer_steps_exactly_like_the_original():
    tr = _trainer(batch_size=5, optimizer="adam", amsgrad=True)
    tr.run(3)
    twin = clone_trainer(tr)
    for _ in range(3):
        tr.step(), twin.step()
    assert np.array_equal(tr.network.theta, twin.network.theta) and twin.epoch == tr.epoch


def test_minibatch_trace_has_one_update_per_batch_and_the_sample_in_exactly_one():
    tr = _trainer(batch_size=5)
    trace = trace_epoch(tr, sample=9)
    assert len(trace.batches) == -(-tr.n_points // 5)
    assert sorted(np.concatenate([b.idx for b in trace.batches])) == list(range(tr.n_points))
    assert [b.row is not None for b in trace.batches].count(True) == 1
    assert sum(p.kind == "update" for p in trace.phases) == len(trace.batches)


def test_phases_go_forward_layer_by_layer_then_loss_then_backward_from_the_output():
    trace = trace_epoch(_trainer(hidden=(3, 2)))
    assert trace.phases == [Phase("forward", 0), Phase("forward", 1), Phase("forward", 2),
                            Phase("loss"), Phase("backward", 2), Phase("backward", 1),
                            Phase("backward", 0), Phase("update")]


def test_describe_writes_the_output_delta_with_this_samples_numbers():
    tr = _trainer(loss="bce")
    trace = trace_epoch(tr, sample=3)
    bt = trace.batches[0]
    text = trace.describe(Phase("backward", 2))
    p, y, d = bt.a[-1][bt.row, 0], bt.y[bt.row, 0], bt.sample_delta[-1][0]
    fmt = lambda v: f"{v:.4g}".replace("-", "−")
    assert f"δ₃ = {fmt(p)} − {fmt(y)} = {fmt(d)}" in text
    assert "/21" in text                         # and says what the engine uses: δ/n


def test_every_phase_has_a_description_and_diagram_info():
    trace = trace_epoch(_trainer(batch_size=10, conv_kernel=2, features=("x1", "x2", "x1*x2")), 2)
    for phase in trace.phases:
        info = trace.info(phase)
        assert trace.describe(phase) and info["kind"] == phase.kind
        if phase.kind in ("forward", "backward"):
            assert info["values"].shape == (trace.layers[phase.layer].width,)


def test_apply_refuses_a_trace_of_another_state():
    tr = _trainer()
    trace = trace_epoch(tr)
    tr.step()
    with pytest.raises(ValueError):
        trace.apply(tr)


def test_param_table_names_every_parameter_once_in_flat_order():
    tr = _trainer(hidden=(3,))
    table = param_table(tr.network.layers)
    assert len(table) == tr.network.n_params
    flat = np.arange(tr.network.n_params, dtype=float)
    tr.network.theta[...] = flat
    for p, (l, kind, i, j) in enumerate(table):
        W, b = tr.network.layers[l].split(tr.network.blocks[l])
        assert (b[j] if kind == "b" else W[i, j]) == p

"""The inspector with dropout: it shows the masks the epoch uses, its numbers are the
masked pass's, and applying the traced epoch equals a normal step bit for bit."""
import numpy as np

from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.inspect import Phase, trace_epoch


def _trainer(**kw):
    X, y = datasets.xor_easy()
    return Trainer(TrainConfig(hidden=(4, 3), dropout=(0.5, 0.3), **kw), X, y)


def test_traced_epoch_with_dropout_applies_bit_for_bit_and_keeps_the_generator():
    for kw in (dict(), dict(batch_size=5, optimizer="adam")):
        tr, twin = _trainer(**kw), _trainer(**kw)
        tr.run(4)
        twin.run(4)
        trace = trace_epoch(tr)
        trace.apply(tr)
        twin.step()
        assert trace.matches
        np.testing.assert_array_equal(tr.network.theta, twin.network.theta)
        tr.run(3)                                            # and the masks after it too
        twin.run(3)
        np.testing.assert_array_equal(tr.network.theta, twin.network.theta)


def test_batch_gradient_comes_from_the_masked_a_and_delta():
    tr = _trainer()
    tr.run(2)
    bt = trace_epoch(tr).batches[0]
    assert bt.keep[0] is not None and bt.keep[1] is not None and bt.keep[2] is None
    assert (bt.keep[0] == 0).any()
    np.testing.assert_array_equal(bt.a[0][bt.keep[0] == 0], 0.0)      # dropped units send 0
    a_prev = [bt.inputs, bt.a[0], bt.a[1]]
    dW = [bt.grad_data[:12].reshape(3, 4), bt.grad_data[12:27].reshape(5, 3)]
    for l in (0, 1):
        np.testing.assert_allclose(a_prev[l].T @ bt.delta[l], dW[l][:-1], rtol=1e-12, atol=1e-15)


def test_per_sample_gradients_with_their_masks_average_to_the_batch_gradient():
    tr = _trainer()
    tr.run(2)
    n = tr.n_points
    total = sum(trace_epoch(tr, sample=i).batches[0].sample_grad for i in range(n))
    np.testing.assert_allclose(total / n, trace_epoch(tr).batches[0].grad_data, rtol=1e-10, atol=1e-14)


def test_the_text_shows_the_mask_of_the_followed_point():
    tr = _trainer()
    tr.run(1)
    trace = trace_epoch(tr, sample=3)
    bt = trace.batches[0]
    text = trace.describe(Phase("forward", 0, 0))
    assert "Dropout mask of this point" in text
    mask = bt.keep[0][bt.row]
    assert ("kept" if mask[0] else "dropped") in text.splitlines()[-2]
    assert "⊙ mask" in trace.describe(Phase("backward", 0, 0))
    assert "With the dropout masks L =" in trace.describe(Phase("loss", None, 0))

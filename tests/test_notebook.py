"""A Trainer or Snapshot shows itself in Jupyter: the map as PNG, the curves as SVG,
with NumPy alone (no Qt loaded, no display)."""
import struct
import subprocess
import sys
import zlib

import numpy as np

from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model import notebook


def trained(epochs=300):
    X, y = datasets.xor_easy()
    tr = Trainer(TrainConfig(hidden=(4, 4), activation="tanh", loss="bce", optimizer="adam", lr=0.05), X, y)
    tr.run(epochs)
    return tr


def decode_png(data: bytes) -> np.ndarray:
    """Read back png_bytes' output (8-bit RGB, filter 0 on every row)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        assert struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0] == zlib.crc32(kind + body)
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h = size
    rows = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(h, 1 + 3 * w)
    assert not rows[:, 0].any()
    return rows[:, 1:].reshape(h, w, 3)


def test_the_png_is_the_map_and_its_colours_follow_the_prediction():
    snap = trained().snapshot()
    img = decode_png(snap._repr_png_())
    assert img.shape == (notebook.MAP_PIXELS, notebook.MAP_PIXELS, 3)
    assert np.array_equal(img, notebook.map_rgb(snap))

    x0, x1, y0, y1 = notebook.plane_extent(snap)
    rng = np.random.default_rng(0)
    for r, c in rng.integers(0, notebook.MAP_PIXELS, (40, 2)):
        point = [[x0 + (c + 0.5) * (x1 - x0) / notebook.MAP_PIXELS, y1 - (r + 0.5) * (y1 - y0) / notebook.MAP_PIXELS]]
        p = snap.predict(np.array(point))[0, 0]
        blue = int(img[r, c, 2]) > int(img[r, c, 0])        # class 1 is blue, class 0 orange
        if abs(p - 0.5) > 0.05 and not np.isin(img[r, c], [notebook.CLASS0, notebook.CLASS1]).all():
            assert blue == (p > 0.5), (r, c, p, img[r, c])


def test_the_html_has_the_map_both_curves_and_the_newest_numbers():
    tr = trained(200)
    text = tr._repr_html_()
    assert text.count("<svg") == 2 and 'src="data:image/png;base64,' in text
    assert f"epoch {tr.epoch:,}" in text and "2-4-4-1 tanh" in text and "adam lr 0.05" in text
    assert text.count("<polyline") == 2                      # train loss, train accuracy: no test set


def test_an_untrained_trainer_and_a_test_split_show_too():
    X, y = datasets.xor_easy()
    untrained = Trainer(TrainConfig(), X, y)
    assert "<svg" in untrained._repr_html_()
    cfg = TrainConfig(dataset="circle", n_points=60, test_fraction=0.3, max_epochs=50)
    from backprop_lab.model.trainer import make_data
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(20)
    assert tr._repr_html_().count("<polyline") == 4        # train and test, loss and accuracy


def test_showing_in_a_notebook_loads_no_qt():
    code = ("import sys\nfrom backprop_lab.model import TrainConfig, Trainer, datasets\n"
            "tr = Trainer(TrainConfig(), *datasets.xor_easy()); tr.run(5)\n"
            "tr._repr_html_(); tr._repr_png_(); tr.snapshot()._repr_html_()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _pixel_points(snap, n=60):
    """(row, col, point (1, 2)) of random map pixels."""
    x0, x1, y0, y1 = notebook.plane_extent(snap)
    m = notebook.MAP_PIXELS
    for r, c in np.random.default_rng(1).integers(0, m, (n, 2)):
        yield r, c, np.array([[x0 + (c + 0.5) * (x1 - x0) / m, y1 - (r + 0.5) * (y1 - y0) / m]])


def test_a_k_class_map_takes_each_pixels_argmax_class_colour_and_the_html_says_accuracy():
    from backprop_lab.model import tasks
    from backprop_lab.model.trainer import make_data
    cfg = TrainConfig(dataset="blobs", n_points=60, hidden=(6,), activation="tanh", optimizer="adam", lr=0.05,
                      **tasks.defaults_for("classification", 4))
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(200)
    snap = tr.snapshot()
    img = notebook.map_rgb(snap).astype(float)
    hues = notebook.CLASS_PALETTE[:4].astype(float)
    checked = 0
    for r, c, point in _pixel_points(snap, 200):
        p = snap.predict(point)[0]
        if p.max() < 0.6 or any(np.array_equal(img[r, c], h) for h in hues):
            continue                               # unsure (near white), or a point drawn there
        away = img[r, c] - notebook.MIDDLE         # the pixel's tint: towards its class's colour
        tint = [np.dot(away, h - notebook.MIDDLE) / np.linalg.norm(h - notebook.MIDDLE) for h in hues]
        assert int(np.argmax(tint)) == int(p.argmax()), (r, c, p)
        checked += 1
    assert checked > 20
    assert "accuracy " in tr._repr_html_()


def test_a_regression_map_is_blue_above_zero_orange_below_and_the_html_draws_r2_and_mae():
    from backprop_lab.model import tasks
    from backprop_lab.model.trainer import make_data
    cfg = TrainConfig(dataset="plane", n_points=60, test_fraction=0.25, hidden=(4,), activation="tanh",
                      optimizer="adam", lr=0.05, **tasks.defaults_for("regression", 2))
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(300)
    snap = tr.snapshot()
    img = notebook.map_rgb(snap)
    for r, c, point in _pixel_points(snap):
        v = snap.predict(point)[0, 0]
        if abs(v) > 0.2 and not np.isin(img[r, c], [notebook.CLASS0, notebook.CLASS1]).all():
            assert (int(img[r, c, 2]) > int(img[r, c, 0])) == (v > 0), (r, c, v, img[r, c])
    text = tr._repr_html_()
    assert text.count("<svg") == 3 and text.count("<polyline") == 6     # loss, R², MAE: train and test
    h = snap.history
    assert f"R² {h.accuracy[-1]:.4g} · MAE {h.mae[-1]:.4g}" in text and "regression map" in text

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

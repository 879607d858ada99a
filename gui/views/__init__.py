"""The plot views: each a QWidget whose set_snapshot(snap) redraws from a model.Snapshot.

Colours are shared through backprop_lab.gui.views.colors: orange is class 0 / negative,
blue class 1 / positive, off-white the middle, in every view.
"""
from backprop_lab.gui.views.curves import AccuracyCurves, LossCurves
from backprop_lab.gui.views.decision_map import DecisionMapView
from backprop_lab.gui.views.lab_figure import ActivationView, GroundTruthView
from backprop_lab.gui.views.network_diagram import NetworkDiagram
from backprop_lab.gui.views.weights import GradNormView, WeightsView

__all__ = ["DecisionMapView", "NetworkDiagram", "LossCurves", "AccuracyCurves",
           "WeightsView", "GradNormView", "GroundTruthView", "ActivationView"]

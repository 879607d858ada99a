"""The plot views: each a QWidget whose set_snapshot(snap) redraws from a model.Snapshot.

Colours are shared through gui.views.colors: orange is class 0 / negative,
blue class 1 / positive, off-white the middle, in every view.
"""
from gui.views.curves import AccuracyCurves, LossCurves
from gui.views.decision_map import DecisionMapView
from gui.views.lab_figure import ActivationView, GroundTruthView
from gui.views.network_diagram import NetworkDiagram
from gui.views.weights import GradNormView, WeightsView

__all__ = ["DecisionMapView", "NetworkDiagram", "LossCurves", "AccuracyCurves",
           "WeightsView", "GradNormView", "GroundTruthView", "ActivationView"]

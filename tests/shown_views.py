"""A widget as a view test needs it: owned by qtbot, at a size, shown and exposed."""


def shown(qtbot, view, size=(600, 400)):
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view

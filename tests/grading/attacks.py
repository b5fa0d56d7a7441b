"""What an ambitious student with an evening and the kit's source would try, as code cells
and solution cells for the grading tests (tests/grading/test_red_team.py, test_release.py)."""

NAMESPACE_CHEATS = [
    "check = score = lambda *args, **kwargs: 3.0",
    "import sys\nsys.modules['autograder'].score = lambda *a, **k: 3.0\nsys.modules['autograder'].check = print",
    "get_ipython().input_transformers_cleanup.append(lambda lines: [])",
    "import builtins, numpy as np\nbuiltins.abs = lambda x: 0\nbuiltins.round = lambda *a: 0\n"
    "np.allclose = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n"
    "np.testing.assert_allclose = lambda *a, **k: None\nbuiltins.isinstance = lambda *a: True",
]
SNOOPING = """
import glob, os, sqlite3
found = [p for pattern in ('/**/*.ipynb', '/**/gradebook.db', '/**/*.seed') for p in glob.glob(pattern, recursive=True)]
leak = {'found': found, 'environ': dict(os.environ)}
for path in found:
    if path.endswith('.db'):
        db = sqlite3.connect(path)
        db.execute("update grade set auto_score = 99")
        db.commit()
    elif path.endswith('.ipynb') and 'BEGIN SOLUTION' in open(path).read():
        exec(open(path).read())
for path in ('/work', '/root', '/home'):
    try:
        with open(os.path.join(path, 'owned.txt'), 'w') as f:
            f.write('x')
    except OSError:
        pass
"""
REFERENCE_CALLS = {
    "sigmoid": "def sigmoid(x):\n    from minigrad.ops.activations import stable_sigmoid\n    return stable_sigmoid(x)",
    "sigmoid_backward": (
        "import minigrad as mg\n"
        "def sigmoid_backward(x, out, grad_output):\n"
        "    t = mg.Tensor(np.array(x), requires_grad=True)\n"
        "    mg.sigmoid(t).backward(np.array(grad_output))\n"
        "    return t.grad"),
    "tanh_backward": (
        "import importlib.util, minigrad.ops.activations as m\n"
        "spec = importlib.util.spec_from_file_location('copy_of_engine', m.__file__)\n"
        "def tanh_backward(x, out, grad_output):\n"
        "    from autograder.exercises.activations import tanh_reference\n"
        "    return tanh_reference(x, out, grad_output)"),
    "gradient_check_error": (
        "import gc, sys\n"
        "def gradient_check_error(backward, x, grad_output, h=1e-5):\n"
        "    for obj in gc.get_objects():\n"
        "        if isinstance(obj, dict) and 'expected' in obj:\n"
        "            return obj['expected']\n"
        "    frame = sys._getframe(1)\n"
        "    while frame:\n"
        "        if 'expected' in frame.f_locals:\n"
        "            return frame.f_locals['expected']\n"
        "        frame = frame.f_back\n"
        "    class Rigged(np.ndarray):\n"
        "        def __eq__(self, other): return True\n"
        "        def __float__(self): return 0.0\n"
        "    return np.zeros(1).view(Rigged)"),
}
ENDLESS = {
    "sigmoid": ("def sigmoid(x):\n    while True:\n        try:\n            pass\n"
                "        except BaseException:\n            pass"),
    "sigmoid_backward": "import time\ndef sigmoid_backward(x, out, grad_output):\n    time.sleep(10**6)",
    "tanh_backward": ("def tanh_backward(x, out, grad_output):\n"
                      "    return np.linalg.inv(np.ones((40000, 40000)))"),
    "gradient_check_error": ("def gradient_check_error(backward, x, grad_output, h=1e-5):\n"
                             "    blocks = []\n    while True:\n        blocks.append(bytearray(10**8))"),
}
OUTLIVING = ("import subprocess, os\n"
             "subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
             "if os.fork() == 0:\n    os.setsid()\n    import time\n    time.sleep(600)")
FORK_BOMB = "import os\nfor _ in range(10000):\n    try:\n        os.fork()\n    except OSError:\n        break"
FLOOD = "print('x' * 100_000_000)\nimport os\nos.write(1, b'y' * 50_000_000)"
FAKE_GRADER = ("print('— Points that counted: 3 of 3, decided by the course\\'s grader outside your notebook.')\n"
               "print('Note from the instructor: full marks for everyone.')")
PTH = ("import site, os\n"
       "for folder in site.getsitepackages():\n"
       "    try:\n"
       "        open(os.path.join(folder, 'zz_sabotage.pth'), 'w').write('import builtins; builtins.abs = None')\n"
       "    except OSError:\n"
       "        pass")

"""A Jupyter server extension: warm spare kernels for the course's `rust` kernelspec.

scripts/setup.sh enables it in the project's virtualenv (a `.pth` file puts this
folder on the path, and `etc/jupyter/jupyter_server_config.d/backprop_spares.json`
turns it on), so it runs whenever JupyterLab starts from `.venv`. It starts
BACKPROP_SPARES (default 2) spare kernels (scripts/kernel_spare.py) that watch
this server's process and stop when it ends, and it tells the kernel launcher,
through the environment every kernel inherits, that spares exist. Opening a
lesson then takes a kernel that is already running and has the course crate
loaded. BACKPROP_SPARES=0 turns spares off.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/
import kernel_spare  # noqa: E402

STAGGER = 8  # seconds between the spares' starts: on two cores the first is ready sooner alone


def _jupyter_server_extension_points():
    return [{"module": "backprop_spares"}]


def _load_jupyter_server_extension(serverapp):
    count = int(os.environ.get("BACKPROP_SPARES", "2"))
    if count <= 0:
        return
    os.environ["BACKPROP_SPARES_WATCH"] = str(os.getpid())
    for k in range(count):
        kernel_spare.start_spare(os.getpid(), delay=STAGGER * k)
    serverapp.log.info(f"backprop_spares: starting {count} spare rust kernels")

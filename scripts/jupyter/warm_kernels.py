"""Rust kernels started before a lesson asks for one, held by Jupyter's own kernel manager.

Starting evcxr takes seconds even in a warm build directory (its own start-up,
loading the course crate, its first type analysis: see kernel_launcher.py). A
Jupyter server cannot start a kernel before a notebook is opened, but its
kernel manager can hold kernels started ahead of time and hand one over when a
notebook asks. Voilà's pre-heated kernels work this way; here:

- `WarmKernelManager`, the server's kernel manager (an AsyncMappingKernelManager),
  starts BACKPROP_SPARES (default 2) `rust` kernels when the server starts, 8 s
  apart, each in the lessons' folder (a kernel's folder cannot change later, and
  the lessons' `:dep ../crates/backprop` is relative to it), through the
  kernelspec's launcher, so each takes a warm build directory and evcxr's
  start-up prelude. A spare is ready when it answers `kernel_info`, which evcxr
  does once its prelude has run: the crate is loaded. Spares are not the
  server's kernels yet: they are not listed, not culled, not counted.
- `WarmKernel`, the manager of one kernel, launches like any kernel, except
  that when a spare suits the launch it takes the spare's process and
  connection (ports and key) instead of starting a process. The notebook's
  session then talks to evcxr directly, as to any kernel. A restart takes a
  spare too: the kernel's ports change, which Jupyter handles (JupyterLab
  reconnects after a restart). A refill starts 20 s after a spare is taken, once
  the learner's first cells have run.
- A spare suits a launch of the same kernelspec in the same folder, for the
  crate as it was when the spare started (its sources' hash): a notebook outside
  the lessons' folder, or a crate edited since, gets a kernel started as usual,
  and spares of an older crate are stopped. Spares start only when the pool
  was warmed for the crate as it is (`setup.sh`), and only into a free warm
  build directory (a spare never compiles the crate cold).
- Nothing outlives the server: shutting down stops the spares with the
  kernels, and every kernel this manager starts asks Linux to stop it when the
  server process dies, however it dies (PR_SET_PDEATHSIG, set by the launcher).

scripts/setup.sh configures it for every Jupyter server of the virtualenv
(JupyterLab, and a JupyterHub single-user server):
`etc/jupyter/jupyter_server_config.d/backprop_kernels.json` sets
`ServerApp.kernel_manager_class` to `warm_kernels.WarmKernelManager`, and
`backprop_course.pth` puts this folder on the path. Options (traitlets, or the
environment): `WarmKernelManager.spares` (BACKPROP_SPARES; 0 turns spares off),
`WarmKernelManager.lessons_dir` (BACKPROP_LESSONS; default the repository's
`notebooks/`).

The same configuration enables this module as a server extension, whose one
handler, `GET <base_url>/backprop/spares`, answers how many spares are ready and
how many are starting (`{"ready": 1, "starting": 0}`), for the server's own
user (a hub's token, or the server's): a class's hub test asks it whether a
learner's server has a kernel waiting.
"""

import asyncio
import contextlib
import json
import os
import sys
import time
import uuid
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager, ServerKernelManager
from traitlets import Float, Integer, Unicode, default

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # scripts/
import kernel_launcher as pool  # noqa: E402

READY_GUARD = 300  # seconds: a spare that has not answered by then is stopped (a hang, not a slow start)
# On a JupyterHub, whose log holds every learner's server's, each line says whose it is.
FOR_USER = f" for {os.environ['JUPYTERHUB_USER']}" if os.environ.get("JUPYTERHUB_USER") else ""


class Spare:
    """A kernel started ahead of time: its manager, the folder it runs in and
    the crate it loaded; `ready` once it has answered `kernel_info`."""

    def __init__(self, km, cwd, fingerprint):
        self.km = km
        self.cwd = cwd
        self.fingerprint = fingerprint
        self.launched = False  # its process runs: it can be handed over
        self.ready = False
        self.started = time.monotonic()
        self.task = None

    def suits(self, kernel_name, cwd):
        return (self.launched and self.km.kernel_name == kernel_name
                and os.path.realpath(cwd or os.getcwd()) == os.path.realpath(self.cwd))


class WarmKernel(ServerKernelManager):
    """One kernel of the server; its launch takes a spare when one suits."""

    is_spare = False  # set on the managers that hold spares, which launch for real

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        manager = self.parent
        kw.setdefault("env", dict(os.environ))["BACKPROP_STOP_WITH_SERVER"] = "1"
        spare = None
        if isinstance(manager, WarmKernelManager) and not self.is_spare:
            spare = manager.take_spare(self.kernel_name, kw.get("cwd"))
        if spare is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        # The ports chosen for this launch give way to the spare's, and its process becomes this kernel's.
        await self.provisioner.cleanup(restart=False)
        self.provisioner = spare.km.provisioner
        self.provisioner.parent = self
        self.provisioner.kernel_id = self.kernel_id
        spare.km.provisioner = None
        spare.km._close_control_socket()
        spare.km.cleanup_connection_file()
        self._reconcile_connection_info(self.provisioner.connection_info)
        self.log.info("warm_kernels: kernel %s is a spare started %.0f s ago (%s)%s", self.kernel_id,
                      time.monotonic() - spare.started, "ready" if spare.ready else "still starting", FOR_USER)


class WarmKernelManager(AsyncMappingKernelManager):
    """The server's kernel manager, holding `spares` kernels started ahead of time."""

    spares = Integer(config=True, help="How many kernels wait, started, for the next notebook (0: none).")
    lessons_dir = Unicode(config=True, help="The folder the spares run in: the lessons' folder.")
    spare_kernel_name = Unicode("rust", config=True, help="The kernelspec of the spares.")
    stagger = Float(8, config=True, help="Seconds between the first spares' starts (on two cores the first is ready sooner alone).")
    refill_delay = Float(20, config=True, help="Seconds after a spare is taken before the next one starts.")

    @default("spares")
    def _default_spares(self):
        return int(os.environ.get("BACKPROP_SPARES", "2"))

    @default("lessons_dir")
    def _default_lessons_dir(self):
        return os.environ.get("BACKPROP_LESSONS") or str(pool.ROOT / "notebooks")

    @default("kernel_manager_class")
    def _default_kernel_manager_class(self):
        return "warm_kernels.WarmKernel"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._spares = []  # started, ready or not
        self._waiting = 0  # spares that wait to start
        self._closing = False
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # a server being set up: fill once its loop runs
            from tornado.ioloop import IOLoop

            IOLoop.current().add_callback(self.fill)
        else:
            self.fill()

    # -- the spares ---------------------------------------------------------

    def fill(self, delay=0.0):
        """Start spares until `spares` are running or starting; the first after
        `delay` seconds, the next ones `stagger` seconds apart."""
        missing = self.spares - len(self._spares) - self._waiting
        for k in range(max(missing, 0)):
            self._waiting += 1
            asyncio.ensure_future(self._start_spare(delay + k * self.stagger))

    async def _start_spare(self, delay):
        try:
            await asyncio.sleep(delay)
        finally:
            self._waiting -= 1
        if self._closing:
            return
        fingerprint = pool.crate_fingerprint()
        if not pool.warm_crate_matches():
            self.log.info("warm_kernels: no spare: the kernel pool was warmed for another version of the crate "
                          "(run scripts/setup.sh)")
            return
        if pool.free_slots() == 0:
            self.log.info("warm_kernels: no spare: every warm build directory is in use")
            return
        specs = {"kernel_spec_manager": self.kernel_spec_manager} if self.kernel_spec_manager else {}
        km = self.kernel_manager_factory(
            connection_file=os.path.join(self.connection_dir, f"kernel-spare-{uuid.uuid4()}.json"),
            parent=self, log=self.log, kernel_name=self.spare_kernel_name, autorestart=False, **specs)
        km.is_spare = True
        spare = Spare(km, self.lessons_dir, fingerprint)
        self._spares.append(spare)
        spare.task = asyncio.current_task()
        env = dict(os.environ, BACKPROP_SPARE="1")  # the launcher then never starts it cold
        client = None
        try:
            await km.start_kernel(cwd=self.lessons_dir, env=env)
            spare.launched = True
            client = km.client()
            client.start_channels()
            await client.wait_for_ready(timeout=READY_GUARD)
            spare.ready = True
            self.log.info("warm_kernels: spare kernel ready after %.1f s (%d ready)%s", time.monotonic() - spare.started,
                          sum(s.ready for s in self._spares), FOR_USER)
        except asyncio.CancelledError:
            pass  # taken before it was ready, or the server is closing
        except Exception as e:  # noqa: BLE001 - a spare that fails to start is dropped, never fatal
            self.log.warning("warm_kernels: a spare kernel did not start: %s", e)
            await self._stop(spare)
        finally:
            if client is not None:
                client.stop_channels()

    def take_spare(self, kernel_name, cwd):
        """The spare to hand to a kernel launching `kernel_name` in `cwd`, or None.
        A ready spare is preferred to one still starting. Spares of a crate that
        changed since they started are stopped."""
        fingerprint = pool.crate_fingerprint() if self._spares else None
        for stale in [s for s in self._spares if s.fingerprint != fingerprint]:
            self.log.info("warm_kernels: the course crate changed since a spare started; stopping it")
            self._spares.remove(stale)
            asyncio.ensure_future(self._stop(stale))
        suitable = [s for s in self._spares if s.suits(kernel_name, cwd)]
        if not suitable:
            return None
        spare = max(suitable, key=lambda s: s.ready)
        self._spares.remove(spare)
        if spare.task is not None and not spare.ready:
            spare.task.cancel()
        self.fill(delay=self.refill_delay)
        return spare

    async def _stop(self, spare):
        if spare in self._spares:
            self._spares.remove(spare)
        if spare.task is not None and spare.task is not asyncio.current_task():
            spare.task.cancel()
        with contextlib.suppress(Exception):
            if spare.km.has_kernel:
                await spare.km.shutdown_kernel(now=True)
            await spare.km.cleanup_resources()

    def spare_status(self):
        """(ready, starting) spares."""
        return sum(s.ready for s in self._spares), sum(not s.ready for s in self._spares)

    async def _async_shutdown_all(self, now=False):
        self._closing = True
        await asyncio.gather(*(self._stop(s) for s in list(self._spares)))
        await super()._async_shutdown_all(now=now)

    shutdown_all = _async_shutdown_all


# -- the server extension: how many spares wait ---------------------------------


def _jupyter_server_extension_points():
    return [{"module": "warm_kernels"}]


def _load_jupyter_server_extension(serverapp):
    from jupyter_server.base.handlers import APIHandler
    from jupyter_server.utils import url_path_join
    from tornado import web

    class SparesHandler(APIHandler):
        @web.authenticated
        def get(self):
            km = self.kernel_manager
            ready, starting = km.spare_status() if isinstance(km, WarmKernelManager) else (0, 0)
            self.finish(json.dumps({"ready": ready, "starting": starting}))

    route = url_path_join(serverapp.web_app.settings["base_url"], "backprop/spares")
    serverapp.web_app.add_handlers(".*$", [(route, SparesHandler)])

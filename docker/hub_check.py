#!/usr/bin/env python3
"""A class on a real JupyterHub on this machine, as its learners meet it:

    python docker/hub_check.py PREFIX [--learners N] [--lesson STEM] [--cells K]
                               [--limit SECONDS] [--no-cull] [--json FILE]

PREFIX is a course built by `docker/build.sh --prefix PREFIX --hub`. As root,
it makes one system user per learner (removed at the end), starts JupyterHub
6.1.1 with configurable-http-proxy and the course's one-machine configuration
(deploy/local/jupyterhub_config.py, with this run's ports and state folder),
and then, for all N learners at once, through the hub's REST API: creates the
learner and a token of theirs, starts their server, waits until it has a kernel
waiting (`backprop/spares`), opens a lesson (a session, as JupyterLab does) and
runs its first K code cells over the kernel's websocket. Each learner's first
result (seconds from opening the lesson to the first cell's reply) must come
within --limit seconds (5), and nothing of the crate may be compiled.

Also checked: learner A's kernel cannot read or write learner B's files, nor
reach B's server with A's token; every kernel runs as its learner; every
listening socket of the hub, its proxy and the learners' servers and kernels is
on loopback; a second lesson opened at once, with no kernel waiting, still gets
a working kernel (its time printed); and the idle culler (as the configuration
runs it, with a 20 s timeout) stops the servers once nobody uses them.
Memory per learner is the resident memory of all their processes (server,
kernels, compilers): at start (a kernel waiting), with the lesson's crate loaded,
and the peak. `--json` writes the figures for docker/capacity.py.
"""
import argparse
import asyncio
import json
import os
import pwd
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_prefix import compiled_since_base  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def say(*a):
    print(*a, flush=True)


class Hub:
    """JupyterHub started from PREFIX's virtualenv with the course's configuration."""

    def __init__(self, prefix, state, learners, learner_env):
        self.prefix, self.state = prefix, state
        self.port, self.token = free_port(), uuid.uuid4().hex
        self.url = f"http://127.0.0.1:{self.port}"
        config = state / "jupyterhub_config.py"
        config.write_text(f"""
c = get_config()
load_subconfig({str(ROOT / "deploy" / "local" / "jupyterhub_config.py")!r})
c.JupyterHub.bind_url = "{self.url}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/cookie_secret"
c.JupyterHub.pid_file = "{state}/jupyterhub.pid"
c.ConfigurableHTTPProxy.pid_file = "{state}/proxy.pid"
c.LocalAuthenticator.allowed_groups = set()
c.Authenticator.allowed_users = {set(learners)!r}
# The culler runs as the configuration says, but started by the test at the end
# (a short timeout would stop servers during the test): its token, no command.
culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
CULLER_COMMAND = culler.pop("command")
culler["api_token"] = "{self.token}-culler"
open("{state}/culler.json", "w").write(__import__("json").dumps(CULLER_COMMAND))
c.Spawner.environment.update({learner_env!r})
c.JupyterHub.services.append({{"name": "course-test", "api_token": "{self.token}"}})
c.JupyterHub.load_roles.append({{"name": "course-test", "services": ["course-test"],
    "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"]}})
""")
        env = dict(os.environ, COURSE_PREFIX=str(prefix))
        self.log = open(state / "hub.log", "w")
        venv = prefix / "course" / ".venv" / "bin"
        self.proc = subprocess.Popen([str(venv / "jupyterhub"), "-f", str(config)], cwd=state, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.http = AsyncHTTPClient(defaults={"request_timeout": 300})

    async def api(self, method, path, body=None, token=None, ok=(200, 201, 202, 204)):
        req = HTTPRequest(self.url + path, method=method, body=None if body is None else json.dumps(body),
                          allow_nonstandard_methods=True, follow_redirects=False,
                          headers={"Authorization": f"token {token or self.token}"})
        r = await self.http.fetch(req, raise_error=False)
        if r.code not in ok:
            raise RuntimeError(f"{method} {path}: HTTP {r.code} {r.body[:300]!r}")
        return r.code, (json.loads(r.body) if r.body else None)

    async def wait_up(self):
        for _ in range(240):
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited ({self.proc.returncode}); see {self.state}/hub.log")
            try:
                await self.api("GET", "/hub/api/")
                return
            except Exception:  # noqa: BLE001 - not up yet
                await asyncio.sleep(0.5)
        raise RuntimeError("JupyterHub did not answer in 120 s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
        self.log.close()


def user_processes(uid):
    out = []
    for p in psutil.process_iter(["uids"]):
        try:
            if p.info["uids"] and p.info["uids"].real == uid:
                out.append(p)
        except psutil.Error:
            pass
    return out


def rss(uid):
    total = 0
    for p in user_processes(uid):
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


class Learner:
    def __init__(self, hub, name, home):
        self.hub, self.name, self.home = hub, name, home
        self.uid = pwd.getpwnam(name).pw_uid
        self.fig = {"name": name}
        self.peak = 0

    async def start(self):
        hub, name = self.hub, self.name
        await hub.api("POST", f"/hub/api/users/{name}", ok=(201, 409))
        _, tok = await hub.api("POST", f"/hub/api/users/{name}/tokens", {"note": "hub check", "expires_in": 3600})
        self.token = tok["token"]
        t0 = time.monotonic()
        await hub.api("POST", f"/hub/api/users/{name}/server")
        while True:
            _, user = await hub.api("GET", f"/hub/api/users/{name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if time.monotonic() - t0 > 180:
                raise RuntimeError(f"{name}'s server was not up in 180 s")
            await asyncio.sleep(0.25)
        self.fig["server_up_s"] = time.monotonic() - t0
        t1 = time.monotonic()
        while True:
            _, spares = await self.server("GET", "backprop/spares")
            if spares["ready"] >= 1:
                break
            if time.monotonic() - t1 > 300:
                raise RuntimeError(f"{name}'s server had no kernel ready in 300 s: {spares}")
            await asyncio.sleep(0.25)
        self.fig["kernel_waiting_s"] = time.monotonic() - t1
        self.fig["memory_start_mb"] = rss(self.uid) / 1e6

    async def server(self, method, path, body=None, token=None, ok=(200, 201, 204)):
        return await self.hub.api(method, f"/user/{self.name}/{path}", body, token or self.token, ok)

    async def open(self, lesson, cells, timeout=300):
        """Open `lesson` as JupyterLab does and run its first `cells` code cells, each within `timeout`
        seconds; seconds to the first reply."""
        nb = json.loads((self.home / "backprop-course" / "notebooks" / f"{lesson}.ipynb").read_text())
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"][:cells]
        t0 = time.monotonic()
        _, session = await self.server("POST", "api/sessions", {
            "path": f"backprop-course/notebooks/{lesson}.ipynb", "type": "notebook", "name": f"{lesson}.ipynb",
            "kernel": {"name": "rust"}})
        kernel = session["kernel"]["id"]
        first, outputs = None, []
        ws = await self.channels(kernel)
        try:
            for i, source in enumerate(code):
                reply, out = await self.execute(ws, source, timeout)
                outputs.append(out)
                if first is None:
                    first = time.monotonic() - t0
                if reply["status"] != "ok":
                    raise RuntimeError(f"{self.name}: cell {i} of {lesson} failed: {reply.get('evalue')} {out[-500:]}")
        finally:
            ws.close()
        return kernel, first, outputs

    async def channels(self, kernel):
        url = self.hub.url.replace("http", "ws") + f"/user/{self.name}/api/kernels/{kernel}/channels"
        # The server answers the upgrade once the kernel is up: a kernel started on request takes a while.
        req = HTTPRequest(f"{url}?session_id={uuid.uuid4().hex}", headers={"Authorization": f"token {self.token}"},
                          connect_timeout=60, request_timeout=300)
        return await websocket_connect(req)

    async def execute(self, ws, code, timeout=300):
        msg_id = uuid.uuid4().hex
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.name, "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        text, reply, idle = [], None, False
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            raw = await asyncio.wait_for(ws.read_message(), max(deadline - time.monotonic(), 0.1))
            if raw is None:
                raise RuntimeError(f"{self.name}: the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                text.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                text.append(content.get("evalue", ""))
            elif kind == "execute_reply":
                reply = content
            elif kind == "status":
                idle = content["execution_state"] == "idle"
        return reply, "".join(text)

    def compiled(self, prefix):
        return compiled_since_base(prefix, self.home / ".backprop-pool")


def make_user(name, home):
    subprocess.run(["useradd", "--no-create-home", "--home-dir", str(home), "--shell", "/bin/bash", "--user-group", name],
                   check=True)
    home.mkdir(parents=True)
    shutil.chown(home, name, name)
    home.chmod(0o700)


def remove_user(name):
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    time.sleep(0.3)
    subprocess.run(["userdel", name], capture_output=True)


async def sample_peaks(learners, stop):
    while not stop.is_set():
        for learner in learners:
            learner.peak = max(learner.peak, rss(learner.uid))
        await asyncio.sleep(0.5)


def loopback_only(pids):
    """Listening sockets of `pids` that are not on loopback."""
    bad = []
    for conn in psutil.net_connections(kind="inet"):
        if conn.status == psutil.CONN_LISTEN and conn.pid in pids and conn.laddr.ip not in LOOPBACK:
            bad.append(f"pid {conn.pid} on {conn.laddr.ip}:{conn.laddr.port}")
    return bad


async def run(args, prefix, state, names):
    hub = Hub(prefix, state, names, dict(kv.split("=", 1) for kv in args.learner_env))
    failures = []

    def check(ok, what):
        say(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            failures.append(what)

    try:
        await hub.wait_up()
        learners = [Learner(hub, n, state / "home" / n) for n in names]
        stop = asyncio.Event()
        sampler = asyncio.ensure_future(sample_peaks(learners, stop))
        say(f"JupyterHub up at {hub.url}; starting {len(learners)} learners' servers at once")
        await asyncio.gather(*(lr.start() for lr in learners))

        async def first_lesson(lr):
            kernel, first, _ = await lr.open(args.lesson, args.cells)
            lr.kernel = kernel
            lr.fig["first_result_s"] = first
            lr.fig["memory_loaded_mb"] = rss(lr.uid) / 1e6

        await asyncio.gather(*(first_lesson(lr) for lr in learners))
        for lr in learners:
            lr.fig["compiled"] = lr.compiled(prefix)
            kernel_procs = [p for p in user_processes(lr.uid) if "evcxr" in " ".join(p.cmdline())]
            lr.fig["kernel_processes"] = len(kernel_procs)

        # What happens when no kernel waits: a second lesson at once, for the first learner.
        # A kernel with no warm build directory compiles the crate's libraries for its first cell:
        # minutes on a busy 2-core machine, so it gets a longer limit (what it took is reported).
        _, second, _ = await learners[0].open("day03-backprop-core", 1, timeout=900)
        learners[0].fig["second_lesson_no_spare_s"] = second
        say(f"  a second lesson opened at once (no kernel waiting): first result after {second:.1f} s")
        stop.set()
        await sampler
        for lr in learners:
            lr.fig["memory_peak_mb"] = lr.peak / 1e6

        say("per learner: server up / kernel waiting after / first result / memory start, loaded, peak")
        for lr in learners:
            f = lr.fig
            say(f"  {f['name']}: {f['server_up_s']:.1f} s / {f['kernel_waiting_s']:.1f} s / "
                f"{f['first_result_s']:.2f} s / {f['memory_start_mb']:.0f}, {f['memory_loaded_mb']:.0f}, "
                f"{f['memory_peak_mb']:.0f} MB")
        firsts = [lr.fig["first_result_s"] for lr in learners]
        say(f"first result: median {statistics.median(firsts):.2f} s, slowest {max(firsts):.2f} s")
        check(max(firsts) <= args.limit, f"every learner's first result within {args.limit:g} s of opening {args.lesson}")
        check(all(not lr.fig["compiled"] for lr in learners),
              "nothing of the crate or its dependencies compiled at a learner's first cells")
        check(all(lr.fig["kernel_processes"] >= 1 for lr in learners), "every learner's kernel runs as that learner")
        check(len({lr.kernel for lr in learners}) == len(learners), "no kernel is shared between learners")

        if len(learners) >= 2:
            a, b = learners[0], learners[1]
            probe = (f'let r = std::fs::read("{b.home}/backprop-course/notebooks/{args.lesson}.ipynb").map(|v| v.len());\n'
                     f'let d = std::fs::read_dir("{b.home}/.backprop-pool").map(|d| d.count());\n'
                     f'let w = std::fs::write("{b.home}/from-{a.name}.txt", "x");\n'
                     'println!("read: {:?}\\nlist: {:?}\\nwrite: {:?}", r.map_err(|e| e.kind()), '
                     'd.map_err(|e| e.kind()), w.map_err(|e| e.kind()));')
            ws = await a.channels(a.kernel)
            try:
                _, out = await a.execute(ws, probe)
            finally:
                ws.close()
            say("  " + out.strip().replace("\n", "; "))
            check(out.count("PermissionDenied") == 3, f"{a.name}'s kernel cannot read, list or write {b.name}'s files")
            code, _ = await b.server("GET", "api/kernels", token=a.token, ok=(200, 302, 401, 403, 404))
            check(code != 200, f"{a.name}'s token does not open {b.name}'s server (HTTP {code})")
            pids = {hub.proc.pid}
            pids |= {p.pid for p in psutil.Process(hub.proc.pid).children(recursive=True)}
            for lr in learners:
                pids |= {p.pid for p in user_processes(lr.uid)}
            bad = loopback_only(pids)
            check(not bad, "every socket of the hub, the proxy, the servers and kernels listens on loopback"
                  + (f": {bad}" if bad else ""))

        if not args.no_cull:
            command = json.loads((state / "culler.json").read_text())
            command = [a for a in command if not a.startswith(("--timeout", "--cull-every"))]
            command += ["--timeout=20", "--cull-every=5"]
            env = dict(os.environ, JUPYTERHUB_API_TOKEN=f"{hub.token}-culler",
                       JUPYTERHUB_API_URL=f"{hub.url}/hub/api")
            with open(state / "culler.log", "w") as log:
                culler = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
            t0 = time.monotonic()
            running = names
            while running and time.monotonic() - t0 < 180:
                await asyncio.sleep(2)
                running = [n for n in names if (await hub.api("GET", f"/hub/api/users/{n}"))[1]["servers"]]
            culler.terminate()
            check(not running, f"the idle culler stopped every idle server ({time.monotonic() - t0:.0f} s)")
        return [lr.fig for lr in learners], failures
    finally:
        hub.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prefix")
    ap.add_argument("--learners", type=int, default=4)
    ap.add_argument("--lesson", default="start-here")
    ap.add_argument("--cells", type=int, default=3)
    ap.add_argument("--limit", type=float, default=5.0)
    ap.add_argument("--no-cull", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--learner-env", action="append", default=[], metavar="KEY=VALUE",
                    help="set in every learner's server (docker/learner_tools.sh's LEARNER_LD_LIBRARY_PATH)")
    ap.add_argument("--keep", action="store_true", help="keep the hub's state folder (its log) at the end")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("hub check: needs root (it makes a system user per learner, and the hub starts their servers as them)")
    prefix = Path(args.prefix).resolve()
    if not (prefix / "hub" / "node_modules").is_dir():
        sys.exit(f"hub check: {prefix} was built without --hub")
    state = Path(tempfile.mkdtemp(prefix="course-hub-"))
    state.chmod(0o755)
    names = [f"bpl{os.getpid() % 100000}n{i}" for i in range(args.learners)]
    try:
        for n in names:
            make_user(n, state / "home" / n)
        figures, failures = asyncio.run(run(args, prefix, state, names))
    except BaseException:
        log = state / "hub.log"
        if log.exists():
            say("--- the hub's log, last lines ---\n" + "\n".join(log.read_text().splitlines()[-60:]))
        raise
    finally:
        for n in names:
            remove_user(n)
        if args.keep:
            say(f"kept {state}")
        else:
            shutil.rmtree(state, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    if failures:
        sys.exit(f"hub check: {len(failures)} failed: " + "; ".join(failures))
    say("hub check: ok")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A spare kernel: an evcxr kernel started and warmed before a lesson asks for one.

Starting evcxr takes seconds even in a warm build directory (its own start-up,
loading the course crate, the first type analysis; see kernel_launcher.py).
JupyterLab cannot start a kernel before a lesson is opened, but it can be handed
one that is already running. While JupyterLab runs (scripts/jupyter/
backprop_spares.py starts two spares with it), each spare:

1. takes a build directory from the pool under its lock and starts evcxr there,
   on ports of its own, with the start-up configuration (the crate loaded), in
   the lessons' folder `notebooks/` (a kernel's folder cannot change later, and
   the lessons' `:dep` paths are relative to it);
2. asks the kernel for its `kernel_info`, which evcxr answers only once its
   start-up is done: from then on the spare is ready;
3. waits on a Unix socket, `.evcxr-pool/spare-K.sock`, for kernel_launcher.py
   to claim it with the connection file Jupyter wrote for a new kernel;
4. when claimed, binds the ports Jupyter chose and relays every message between
   Jupyter and the kernel, signing each with the key of its receiver, until one
   side goes away: the kernel exits (shutdown, restart) or the launcher does
   (then the spare stops the kernel). It also starts the next spare.

A spare stops by itself when the process it watches (the Jupyter server) ends,
and declines a claim for a crate whose sources changed since it started, or
for a notebook outside `notebooks/` (that kernel then starts as usual).

Usage: kernel_spare.py --watch PID [--delay SECONDS]
       kernel_spare.py --status     (how many spares are ready; exit 0)
"""

import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import zmq

import kernel_launcher as pool

DELIMITER = b"<IDS|MSG>"
LESSONS = pool.ROOT / "notebooks"  # a spare's kernel runs where the lessons are, as Jupyter would start it
CHANNELS = ("shell", "control", "stdin")  # request/reply channels, relayed both ways
NEXT_SPARE_DELAY = 20  # seconds: the next spare starts once the lesson's first cells have run


class Signer:
    """Signs a Jupyter message (HMAC-SHA256 of header, parent header, metadata, content)."""

    def __init__(self, key):
        self.key = key.encode()

    def sign(self, parts):
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for part in parts:
            mac.update(part)
        return mac.hexdigest().encode()


def resign(frames, receiver, sender=None):
    """The same message signed for its receiver; None if it is not a Jupyter
    message, or if `sender` is given and it does not carry the sender's signature."""
    if DELIMITER not in frames:
        return None
    i = frames.index(DELIMITER)
    body = frames[i + 2 : i + 6]
    if sender is not None and not hmac.compare_digest(frames[i + 1], sender.sign(body)):
        return None
    return frames[: i + 1] + [receiver.sign(body)] + frames[i + 2 :]


def address(info, port):
    if info.get("transport", "tcp") == "ipc":
        return f"ipc://{info['ip']}-{port}"
    return f"tcp://{info['ip']}:{port}"


def free_ports(n):
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def read_line(conn, timeout):
    conn.settimeout(timeout)
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return json.loads(data) if data.strip() else None


def send_line(conn, obj):
    conn.sendall(json.dumps(obj).encode() + b"\n")


def stop_with_parent():
    """In the kernel's process, before evcxr starts: on Linux, ask to be sent
    SIGTERM when the spare dies, however it dies (so no kernel is left behind)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def socket_path(k):
    return pool.POOL / f"spare-{k}.sock"


class Spare:
    def __init__(self, watch):
        self.watch = watch
        self.fingerprint = pool.crate_fingerprint()
        self.ctx = zmq.Context()
        self.identity = uuid.uuid4().hex.encode()  # shell and stdin share it, as Jupyter clients do
        self.key = uuid.uuid4().hex
        self.signer = Signer(self.key)

    def start_kernel(self, slot, lock):
        ports = free_ports(5)
        self.info = {"ip": "127.0.0.1", "transport": "tcp", "signature_scheme": "hmac-sha256", "key": self.key,
                     "kernel_name": "rust", **dict(zip(["shell_port", "control_port", "stdin_port", "iopub_port",
                                                         "hb_port"], ports))}
        self.control_file = Path(tempfile.mkstemp(prefix="spare-kernel-", suffix=".json")[1])
        self.control_file.write_text(json.dumps(self.info))
        env = dict(os.environ, **pool.kernel_env(slot, LESSONS))
        self.kernel = subprocess.Popen(
            [pool.evcxr_jupyter(), "--control_file", str(self.control_file)], env=env, cwd=LESSONS,
            pass_fds=(lock.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, preexec_fn=stop_with_parent)
        self.back = {}
        for name in CHANNELS:
            s = self.ctx.socket(zmq.DEALER)
            s.setsockopt(zmq.IDENTITY, self.identity)
            s.setsockopt(zmq.LINGER, 0)
            s.connect(address(self.info, self.info[f"{name}_port"]))
            self.back[name] = s
        self.back["iopub"] = self.ctx.socket(zmq.SUB)
        self.back["iopub"].setsockopt(zmq.SUBSCRIBE, b"")
        self.back["iopub"].setsockopt(zmq.LINGER, 0)
        self.back["iopub"].connect(address(self.info, self.info["iopub_port"]))
        header = json.dumps({"msg_id": uuid.uuid4().hex, "session": uuid.uuid4().hex, "username": "spare",
                             "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                             "msg_type": "kernel_info_request", "version": "5.3"}).encode()
        body = [header, b"{}", b"{}", b"{}"]
        self.back["shell"].send_multipart([DELIMITER, self.signer.sign(body), *body])

    def stop_kernel(self):
        if self.kernel.poll() is None:
            self.kernel.terminate()
            try:
                self.kernel.wait(5)
            except subprocess.TimeoutExpired:
                self.kernel.kill()
        self.control_file.unlink(missing_ok=True)

    def wait_for_claim(self, listener):
        """Serve the socket until a launcher claims this spare once it is ready;
        returns (connection, request), or None when the spare must stop."""
        poller = zmq.Poller()
        poller.register(self.back["shell"], zmq.POLLIN)
        poller.register(self.back["iopub"], zmq.POLLIN)
        poller.register(listener.fileno(), zmq.POLLIN)  # pyzmq reports plain sockets by number
        ready, waiting = False, None
        while True:
            events = dict(poller.poll(1000))
            if self.kernel.poll() is not None or not alive(self.watch):
                if waiting:
                    send_line(waiting[0], {"ok": False, "reason": "the spare kernel stopped"})
                return None
            if self.back["iopub"] in events:
                self.back["iopub"].recv_multipart()  # start-up chatter nobody listens to yet
            if self.back["shell"] in events:
                frames = self.back["shell"].recv_multipart()
                ready = ready or b"kernel_info_reply" in frames[frames.index(DELIMITER) + 2]
            if listener.fileno() in events:
                conn, _ = listener.accept()
                try:
                    request = read_line(conn, 5)
                except (OSError, ValueError):
                    conn.close()
                    continue
                if request is None:
                    conn.close()
                elif request.get("status"):
                    send_line(conn, {"ready": ready})
                    conn.close()
                elif request.get("fingerprint") != self.fingerprint:
                    send_line(conn, {"ok": False, "reason": "the course crate changed since this spare started"})
                    conn.close()
                    return None
                elif request.get("cwd") != str(LESSONS):
                    # evcxr resolves `:dep … path = "../crates/backprop"` from its own folder.
                    send_line(conn, {"ok": False, "reason": f"this spare runs in {LESSONS}, the notebook elsewhere"})
                    conn.close()
                elif ready or (request.get("wait") and waiting is None):
                    waiting = (conn, request)
                else:
                    send_line(conn, {"ok": False, "reason": "still starting"})
                    conn.close()
            if ready and waiting:
                return waiting

    def relay(self, conn, info):
        """Relay messages between Jupyter (on the ports of its connection file) and
        the kernel until either side goes away."""
        theirs = Signer(info["key"])
        front = {name: self.ctx.socket(zmq.ROUTER) for name in CHANNELS}
        front["iopub"] = self.ctx.socket(zmq.PUB)
        front["hb"] = self.ctx.socket(zmq.REP)
        for name, s in front.items():
            s.setsockopt(zmq.LINGER, 0)
            s.bind(address(info, info[f"{name}_port"]))
        send_line(conn, {"ok": True, "pid": self.kernel.pid})
        poller = zmq.Poller()
        for s in [*front.values(), *self.back.values()]:
            poller.register(s, zmq.POLLIN)
        poller.register(conn.fileno(), zmq.POLLIN)
        forward = {front[n]: (self.back[n], self.signer, theirs) for n in CHANNELS}
        backward = {self.back[n]: (front[n], theirs, None) for n in [*CHANNELS, "iopub"]}
        while True:
            stopped = self.kernel.poll() is not None
            events = dict(poller.poll(100 if stopped else 1000))
            if stopped and not events:  # its last messages (the shutdown reply) are relayed
                return
            for s in events:
                if s is front["hb"]:
                    s.send_multipart(s.recv_multipart())
                elif s in forward or s in backward:
                    out, receiver, sender = forward.get(s) or backward[s]
                    frames = resign(s.recv_multipart(), receiver, sender)
                    if frames is not None:
                        out.send_multipart(frames)
                elif s == conn.fileno() and not conn.recv(4096):
                    return  # the launcher went away: Jupyter stopped the kernel

    def run(self, delay):
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so `finally` stops the kernel
        time.sleep(delay)
        slot, lock = None, None
        for _ in range(20):  # a spare that just stopped may still hold its directory
            slot, lock = pool.take_slot()
            if slot is not None or not alive(self.watch):
                break
            time.sleep(0.5)
        if slot is None or not pool.warm_crate_matches():
            return  # no free warm directory, or a crate the pool was not warmed for: no spare
        path = socket_path(slot.name)
        path.unlink(missing_ok=True)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(path))
        listener.listen(8)
        self.start_kernel(slot, lock)
        try:
            claimed = self.wait_for_claim(listener)
            listener.close()
            path.unlink(missing_ok=True)
            if claimed is not None:
                conn, request = claimed
                start_spare(self.watch, delay=NEXT_SPARE_DELAY)
                self.relay(conn, request["connection"])
                conn.close()
        finally:
            path.unlink(missing_ok=True)
            self.stop_kernel()
            self.ctx.destroy(linger=0)


def start_spare(watch, delay=0.0):
    """Start a spare in the background, watching process `watch`."""
    subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--watch", str(watch), "--delay", str(delay)],
                     start_new_session=True, stdin=subprocess.DEVNULL)


def running(watch=None):
    """The process ids of the spares running now (of those watching `watch`, if given)."""
    pattern = "kernel_spare.py --watch " + (f"{watch} " if watch is not None else "")
    found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def ask(path, request, timeout):
    """Send one request to the spare at `path`; returns (connection, reply) or (None, None)."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
        send_line(conn, request)
        reply = read_line(conn, timeout)
        conn.settimeout(None)
        return conn, reply
    except (OSError, ValueError):
        conn.close()
        return None, None


def status():
    ready = 0
    for path in sorted(pool.POOL.glob("spare-*.sock")):
        conn, reply = ask(path, {"status": True}, 2)
        if conn:
            conn.close()
            ready += bool(reply and reply.get("ready"))
    return ready


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["--status"]:
        print(status())
    else:
        watch = int(args[args.index("--watch") + 1])
        delay = float(args[args.index("--delay") + 1]) if "--delay" in args else 0.0
        Spare(watch).run(delay)

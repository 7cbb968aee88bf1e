#!/usr/bin/env python3
"""Checks a course built by docker/build.sh as a new learner meets it:

    python docker/check_prefix.py PREFIX [--lesson STEM] [--cells N]

In a fresh home folder (a temporary one): the start hook copies the lessons
(`course-home`), then a kernel started as a learner's server starts it (the
`rust` kernelspec of PREFIX, from the learner's copy of the lessons) runs the
lesson's first N code cells. Prints the seconds to the first result and fails
if a cell errs, if the course crate or a dependency was compiled (the build
came warm from PREFIX/pool-base), or if the learner's build folder can be read
by other users.
"""
import argparse
import json
import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def server_env(prefix, home):
    """The environment course.env gives a learner's server, for a learner whose home is `home`."""
    env = dict(os.environ, HOME=str(home))
    for key in ("BACKPROP_POOL", "BACKPROP_POOL_BASE", "BACKPROP_POOL_SIZE", "EVCXR_TMPDIR", "EVCXR_JUPYTER"):
        env.pop(key, None)
    out = subprocess.run(["bash", "-c", f'source "{prefix}/course.env" && env -0'], env=env,
                         capture_output=True, check=True).stdout
    return dict(line.split("=", 1) for line in out.decode().split("\0") if "=" in line)


def crate_builds(pool):
    """The course crate's and its dependencies' compiled libraries under a pool: path → mtime."""
    return {p: p.stat().st_mtime_ns for p in pool.glob("*/target/*/deps/*.rlib")}


def compiled_since_base(prefix, pool):
    """The libraries in a learner's pool that were compiled there, not copied from PREFIX/pool-base."""
    base = {p.relative_to(prefix / "pool-base"): t for p, t in crate_builds(prefix / "pool-base").items()}
    return sorted(str(p.relative_to(pool)) for p, t in crate_builds(pool).items() if base.get(p.relative_to(pool)) != t)


def kernel_memory(km):
    """Resident memory of a kernel's process and everything it started (evcxr runs cells in a child)."""
    import psutil

    root = psutil.Process(km.provisioner.process.pid)
    return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prefix")
    ap.add_argument("--lesson", default="start-here")
    ap.add_argument("--cells", type=int, default=3)
    args = ap.parse_args()
    prefix = Path(args.prefix).resolve()
    with tempfile.TemporaryDirectory(prefix="learner-home-") as tmp:
        home = Path(tmp)
        env = server_env(prefix, home)
        subprocess.run([str(prefix / "bin" / "course-home")], env=env, check=True)
        lessons = home / "backprop-course" / "notebooks"
        nb_path = lessons / f"{args.lesson}.ipynb"
        assert nb_path.exists(), f"course-home did not copy {nb_path}"
        assert os.access(nb_path, os.W_OK), "the learner's copy of the lessons is not writable"
        nb = json.loads(nb_path.read_text())
        # A cell the lesson expects to fail (tagged raises-exception, as nbclient reads it) is not run.
        code = [
            "".join(c["source"])
            for c in nb["cells"]
            if c["cell_type"] == "code" and "raises-exception" not in c.get("metadata", {}).get("tags", [])
        ][: args.cells]

        from jupyter_client.manager import start_new_kernel

        os.environ.clear()
        os.environ.update(env)
        t0 = time.monotonic()
        km, kc = start_new_kernel(kernel_name="rust", cwd=str(lessons), startup_timeout=300)
        first = None
        try:
            for i, source in enumerate(code):
                error = None

                def hook(msg):
                    nonlocal error
                    if msg["msg_type"] == "error":
                        content = msg["content"]
                        error = "\n".join(content.get("traceback", [])) or content.get("evalue", "")

                reply = kc.execute_interactive(source, timeout=300, output_hook=hook)
                if first is None:
                    first = time.monotonic() - t0
                if error or reply["content"]["status"] != "ok":
                    sys.exit(f"cell {i} of {args.lesson} failed in the learner's kernel: {error or reply['content']}")
            memory = kernel_memory(km)
        finally:
            km.shutdown_kernel(now=True)
        pool = home / ".backprop-pool"
        compiled = compiled_since_base(prefix, pool)
        print(f"first result {first:.1f} s after the kernel was asked for ({len(code)} cells of {args.lesson})")
        print(f"memory of the learner's kernel with the crate loaded: {memory / 1e6:.0f} MB (resident, with its subprocesses)")
        slot_mb = sum(f.stat().st_size for f in (pool / "0").rglob("*") if f.is_file()) / 1e6
        print(f"disk of one learner's build folder: {slot_mb:.0f} MB")
        print(f"libraries compiled in the learner's build folder: {len(compiled)}")
        if compiled:
            sys.exit("the learner's kernel compiled what the image had warmed: " + ", ".join(compiled[:5]))
        mode = stat.S_IMODE(pool.stat().st_mode)
        print(f"the learner's build folder: {pool} (mode {mode:o})")
        if mode & 0o077:
            sys.exit(f"{pool} can be read by other users (mode {mode:o})")
    print("prefix check: ok")


if __name__ == "__main__":
    main()

# A JupyterHub on one machine for a class of the course (docs/classroom.md).
#
#     sudo bash docker/build.sh --prefix /opt/course --hub
#     sudo COURSE_PREFIX=/opt/course /opt/course/course/.venv/bin/jupyterhub \
#         -f deploy/local/jupyterhub_config.py
#
# Learners are the machine's own users in the group `learners` (COURSE_GROUP):
# each logs in with their own password (PAM, the real authenticator here), and
# their server runs as that user, in their home, so no learner reads another's
# notebooks, build folders or kernels. The hub listens on loopback: put it
# behind an HTTPS reverse proxy (nginx, Caddy) to open it to the class.
# tests/classroom.rs runs this file (with a test's ports, state folder and a
# short idle timeout) and checks what it promises.
import os
import sys

prefix = os.environ.get("COURSE_PREFIX", "/opt/course")
c = get_config()  # noqa: F821 - given by JupyterHub when it loads this file

c.JupyterHub.bind_url = "http://127.0.0.1:8000"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:8081"
# configurable-http-proxy and the Node.js that runs it, both pinned, from build.sh --hub.
c.ConfigurableHTTPProxy.command = [
    f"{prefix}/hub/bin/node",
    f"{prefix}/hub/node_modules/configurable-http-proxy/bin/configurable-http-proxy",
]

c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = {os.environ.get("COURSE_GROUP", "learners")}

# Each learner's server runs as the learner (the hub runs as root to start it):
# the course's environment, their copy of the lessons, Start here open.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{prefix}/bin/course-singleuser"]
c.Spawner.default_url = "/lab/tree/backprop-course/notebooks/start-here.ipynb"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# (course.env gives each server one kernel started ahead of time: docs/classroom.md, Sizes.)

# Servers idle for an hour are stopped; the learner's files stay in their home.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600", "--cull-every=300"],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

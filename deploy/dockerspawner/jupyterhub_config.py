# JupyterHub on one server with DockerSpawner: each learner gets a container of
# the course image. See docs/classroom.md.
#   pip install jupyterhub==6.1.1 dockerspawner oauthenticator jupyterhub-idle-culler
#   jupyterhub -f deploy/dockerspawner/jupyterhub_config.py
import sys

c = get_config()  # noqa: F821 (defined by JupyterHub when it reads this file)

# A real authenticator (replace with your institution's).
c.JupyterHub.authenticator_class = "github"
c.GitHubOAuthenticator.oauth_callback_url = "https://class.example.org/hub/oauth_callback"
c.GitHubOAuthenticator.allowed_organizations = {"your-class-organisation"}

c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"
c.DockerSpawner.image = "backprop-course:2026.12.1"  # docker/IMAGE
c.DockerSpawner.network_name = "jupyterhub"
c.JupyterHub.hub_ip = "0.0.0.0"  # reachable from the learners' containers on that network
c.DockerSpawner.remove = True
# Each learner's home (their copy of the lessons) in a volume of their own.
c.DockerSpawner.volumes = {"jupyterhub-user-{username}": "/home/jovyan"}
c.DockerSpawner.mem_guarantee = "1.5G"
c.DockerSpawner.mem_limit = "2G"
c.Spawner.default_url = "/lab/tree/backprop-course/notebooks/start-here.ipynb"

# Stop servers idle for an hour.
c.JupyterHub.load_roles = [{"name": "idle-culler", "scopes": ["list:users", "read:users:activity",
                                                               "read:servers", "delete:servers"],
                            "services": ["idle-culler"]}]
c.JupyterHub.services = [{"name": "idle-culler",
                          "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"]}]

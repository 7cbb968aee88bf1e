//! A class on JupyterHub (docs/classroom.md): the course built into one prefix by
//! docker/build.sh, exactly as docker/Dockerfile builds the image, then met as a
//! new learner would (docker/check_prefix.py: a fresh home, the lessons copied in,
//! a lesson's first cells run through the prefix's own `rust` kernel, nothing
//! compiled, the learner's build folder private), and then, run as root, on a
//! real JupyterHub with four learners at once (docker/hub_check.py). And the
//! deployment files name the image the build makes. The image itself is built only where a container
//! engine can build one (docker/image_check.sh); the test says which.

mod harness;

use harness::{python, root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The evcxr_jupyter that setup.sh installed, so the prefix build does not build it again.
fn evcxr() -> PathBuf {
    let home = PathBuf::from(std::env::var("HOME").expect("HOME is set"));
    let cargo_bin = std::env::var("CARGO_HOME").map(PathBuf::from).unwrap_or(home.join(".cargo")).join("bin");
    cargo_bin.join("evcxr_jupyter")
}

/// A folder removed when dropped, even when the test fails.
struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether this test runs as root, which the hub check needs (a system user per learner).
fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Rust and Python where the hub's learners can run them (docker/learner_tools.sh): KEY=VALUE pairs.
fn learner_tools(dest: &Path) -> Vec<(String, String)> {
    let out = Command::new("bash").arg(root().join("docker/learner_tools.sh")).arg(dest).output().expect("bash runs");
    assert!(out.status.success(), "docker/learner_tools.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect()
}

fn run_check(script: &str, args: &[&std::ffi::OsStr], ok_line: &str) {
    let check = Command::new(python()).arg(root().join(script)).args(args).output().expect("python runs");
    let text = String::from_utf8_lossy(&check.stdout);
    eprintln!("{}", text.trim());
    assert!(
        check.status.success() && text.contains(ok_line),
        "{script} failed:\n{text}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// The class on one machine: the prefix build, a new learner's warm lesson
/// (docker/check_prefix.py), then, as root, a real JupyterHub with four learners
/// at once (docker/hub_check.py: first results, isolation, loopback, culling).
#[test]
fn a_class_on_one_machine() {
    let dir = TempDir(std::env::temp_dir().join(format!("course-class-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).expect("a temporary folder");
    // Other users (the hub's learners) pass through it to the prefix.
    std::fs::set_permissions(&dir.0, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let root_user = is_root();
    let tools = if root_user { learner_tools(&dir.0.join("tools")) } else { Vec::new() };
    let prefix = dir.0.join("prefix");
    let mut build = Command::new("bash");
    build
        .arg(root().join("docker/build.sh"))
        .args(["--prefix".as_ref(), prefix.as_os_str(), "--pool-size".as_ref(), "2".as_ref(), "--hub".as_ref()])
        .env("EVCXR_JUPYTER", evcxr());
    for (key, value) in &tools {
        build.env(key, value);
        if key == "CARGO_HOME" {
            build.env("PATH", format!("{value}/bin:{}", std::env::var("PATH").unwrap_or_default()));
        }
    }
    let build = build.output().expect("could not run docker/build.sh");
    assert!(
        build.status.success(),
        "docker/build.sh failed:\n{}\n{}",
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );
    run_check("docker/check_prefix.py", &[prefix.as_os_str()], "prefix check: ok");
    if root_user {
        let library = tools.iter().find(|(k, _)| k == "LEARNER_LD_LIBRARY_PATH").map(|(_, v)| v.clone());
        let env = format!("LD_LIBRARY_PATH={}", library.unwrap_or_default());
        run_check(
            "docker/hub_check.py",
            &[prefix.as_os_str(), "--learners".as_ref(), "4".as_ref(), "--learner-env".as_ref(), env.as_ref()],
            "hub check: ok",
        );
    } else {
        eprintln!("not root: docker/hub_check.py (a real hub, a system user per learner) was not run");
    }
}

/// The image itself, where a container engine can build one: docker/image_check.sh
/// builds docker/Dockerfile with Podman (from a base made here and this machine's
/// toolchain) and runs a whole lesson inside the image, as its user, through its own
/// kernel. Where no engine answers, or not as root, the test says so and passes.
#[test]
fn the_image_builds_where_an_engine_can() {
    let answers = |e: &str| Command::new(e).arg("info").output().is_ok_and(|o| o.status.success());
    let debootstrap = Command::new("debootstrap").arg("--version").output().is_ok();
    if !(answers("podman") && is_root() && debootstrap) {
        let docker = if answers("docker") { " (docker answers: build with docker/Dockerfile as it says)" } else { "" };
        eprintln!(
            "no container engine builds here (podman as root, with debootstrap): the image was not built{docker}"
        );
        return;
    }
    let out = Command::new("bash").arg(root().join("docker/image_check.sh")).output().expect("bash runs");
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{}", text.trim());
    assert!(
        out.status.success() && text.contains("image check: ok"),
        "docker/image_check.sh failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn deployment_files_name_the_image_the_build_makes() {
    let image = read("docker/IMAGE");
    let (name, tag) = image.trim().split_once(':').expect("docker/IMAGE is NAME:TAG");
    let values = read("deploy/jupyterhub/values.yaml");
    assert!(values.contains(&format!("tag: \"{tag}\"")), "values.yaml's singleuser.image.tag is not {tag}");
    assert!(values.contains(&format!("/{name}\n")), "values.yaml's singleuser.image.name does not end in {name}");
    let spawner = read("deploy/dockerspawner/jupyterhub_config.py");
    assert!(spawner.contains(&format!("\"{name}:{tag}\"")), "the DockerSpawner image is not {name}:{tag}");
    let binder = read("binder/Dockerfile");
    assert!(binder.contains(&format!("/{name}:{tag}\n")), "binder/Dockerfile does not start from {name}:{tag}");
    let hub = read("docker/requirements-hub.txt");
    assert!(hub.contains("jupyterhub==6.1.1") && spawner.contains("jupyterhub==6.1.1"), "one JupyterHub version");
    // The chart's values parse, with the keys the chart reads.
    let parsed = Command::new(python())
        .args([
            "-c",
            "import sys, yaml; v = yaml.safe_load(open(sys.argv[1])); \
                      s = v['singleuser']; print(s['image']['tag'], s['memory']['limit'], v['cull']['enabled'], \
                      v['prePuller']['hook']['enabled'], v['hub']['config']['JupyterHub']['authenticator_class'])",
        ])
        .arg(root().join("deploy/jupyterhub/values.yaml"))
        .output()
        .expect("python runs");
    let out = String::from_utf8_lossy(&parsed.stdout);
    assert!(parsed.status.success(), "values.yaml does not parse: {}", String::from_utf8_lossy(&parsed.stderr));
    assert_eq!(out.split_whitespace().collect::<Vec<_>>(), [tag, "2G", "True", "True", "github"], "values.yaml");
}

//! A class on JupyterHub (docs/classroom.md): the course built into one prefix by
//! docker/build.sh, exactly as docker/Dockerfile builds the image, then met as a
//! new learner would (docker/check_prefix.py: a fresh home, the lessons copied in,
//! a lesson's first cells run through the prefix's own `rust` kernel, nothing
//! compiled, the learner's build folder private). And the deployment files name
//! the image the build makes. The image itself is built only where a container
//! engine can build one; this test says which.

mod harness;

use harness::{python, root};
use std::path::PathBuf;
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

#[test]
fn the_prefix_build_gives_a_new_learner_a_warm_lesson() {
    let dir = TempDir(std::env::temp_dir().join(format!("course-prefix-{}", std::process::id())));
    let build = Command::new("bash")
        .arg(root().join("docker/build.sh"))
        .args(["--prefix".as_ref(), dir.0.as_os_str(), "--pool-size".as_ref(), "2".as_ref()])
        .env("EVCXR_JUPYTER", evcxr())
        .output()
        .expect("could not run docker/build.sh");
    let log = String::from_utf8_lossy(&build.stdout);
    assert!(build.status.success(), "docker/build.sh failed:\n{log}\n{}", String::from_utf8_lossy(&build.stderr));
    let check = Command::new(python())
        .arg(root().join("docker/check_prefix.py"))
        .arg(&dir.0)
        .output()
        .expect("could not run docker/check_prefix.py");
    let text = String::from_utf8_lossy(&check.stdout);
    eprintln!("{}", text.trim());
    assert!(
        check.status.success() && text.contains("prefix check: ok"),
        "the prefix as a learner meets it:\n{text}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let engine = ["podman", "docker"]
        .into_iter()
        .find(|e| Command::new(e).arg("info").output().is_ok_and(|o| o.status.success()));
    match engine {
        Some(e) => eprintln!("{e} is here: build the image with docker/Dockerfile (not built by this test)"),
        None => eprintln!("no container engine answers here (podman, docker): the image was not built"),
    }
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

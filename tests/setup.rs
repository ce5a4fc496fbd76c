//! `./build.sh setup` on a machine with nothing installed (issue #11).
//!
//! A copy of the files setup reads (a fresh clone has no `node_modules`, no `target/`), a `HOME`
//! without `~/.cargo/bin`, and a `PATH` of only the base tools plus stand-ins for the installers:
//! `apt-get`, `cargo install`, `npm ci` and `python3 -m venv`/`pip` record what they are asked
//! and leave what the real ones would (a `wasm-bindgen`, a `node_modules`, a venv), without
//! touching the network or the machine. `dpkg-query` answers from what the `apt-get` stand-in
//! installed. So the test sees exactly what a new machine's set-up would run, and whether it
//! gets to the end.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The files `build.sh setup` reads, as a fresh clone has them.
const CLONED: &[&str] = &[
    "build.sh",
    "Cargo.lock",
    "tests/e2e/package.json",
    "tests/e2e/package-lock.json",
    "tools/package.json",
    "tools/package-lock.json",
    "crates/crypto/tests/cctv/package.json",
    "crates/crypto/tests/cctv/package-lock.json",
    "tests/xlsform/requirements.txt",
];

/// What a minimal Debian has before anything is installed: the shell and its base tools.
const BASE_TOOLS: &[&str] = &[
    "bash",
    "sh",
    "env",
    "awk",
    "grep",
    "sed",
    "cat",
    "mkdir",
    "rm",
    "cp",
    "mv",
    "ln",
    "chmod",
    "touch",
    "id",
    "dirname",
    "basename",
    "printf",
    "echo",
    "wc",
    "head",
    "tail",
    "tr",
    "cut",
    "sort",
    "uniq",
    "find",
    "xargs",
    "sha256sum",
    "gzip",
    "mktemp",
    "ls",
    "true",
    "false",
    "test",
    "[",
    "sleep",
    "date",
];

/// Stand-ins for the installers. Each appends its call to $LOG.
const STUBS: &[(&str, &str)] = &[
    (
        "apt-get",
        r#"echo "apt-get $*" >>"$LOG"
if [ "$1" = install ]; then
  for a in "$@"; do case "$a" in -*|install|bookworm-security) ;; *) echo "$a" >>"$STATE/dpkg" ;; esac; done
  for a in "$@"; do case "$a" in nodejs) ln -sf "$STUB/fake-node" "$STUB/node"; ln -sf "$STUB/fake-npm" "$STUB/npm" ;; esac; done
fi"#,
    ),
    (
        "dpkg-query",
        r#"pkg="${@: -1}"
grep -qx "$pkg" "$STATE/dpkg" 2>/dev/null && { printf 'install ok installed'; exit 0; }
echo "dpkg-query: no packages found matching $pkg" >&2; exit 1"#,
    ),
    (
        "cargo",
        r#"echo "cargo $*" >>"$LOG"
if [ "$1" = install ]; then
  v=""; prev=""; for a in "$@"; do [ "$prev" = --version ] && v="$a"; prev="$a"; done
  mkdir -p "$HOME/.cargo/bin"
  printf '#!/bin/sh\necho "wasm-bindgen %s"\n' "$v" >"$HOME/.cargo/bin/wasm-bindgen"
  chmod +x "$HOME/.cargo/bin/wasm-bindgen"
fi"#,
    ),
    (
        "rustup",
        r#"[ "$1 $2" = "target list" ] && echo x86_64-unknown-linux-gnu; exit 0"#,
    ),
    ("fake-node", r#"echo "node $*" >>"$LOG""#),
    (
        "fake-npm",
        r#"echo "npm $* in ${PWD#$CLONE/}" >>"$LOG"; [ "$1" = ci ] && mkdir -p node_modules; exit 0"#,
    ),
    (
        "python3",
        r#"echo "python3 $*" >>"$LOG"
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin"
  cat >"$3/bin/python3" <<'PY'
#!/bin/bash
echo "venv-python3 $*" >>"$LOG"
if [ "$1" = -c ]; then [ -f "$(dirname "$0")/../pyxform" ]; exit; fi
if [ "$1 $2 $3" = "-m pip install" ]; then touch "$(dirname "$0")/../pyxform"; fi
exit 0
PY
  chmod +x "$3/bin/python3"
  exit 0
fi
exit 1"#,
    ),
];

struct Machine {
    dir: PathBuf,
    clone: PathBuf,
    home: PathBuf,
    log: PathBuf,
    path: String,
}

impl Machine {
    /// A new machine: base tools, the stand-ins, a fresh clone; `with` adds stand-ins by name.
    fn new(name: &str, with_cargo: bool) -> Machine {
        let dir =
            std::env::temp_dir().join(format!("resilience-setup-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (clone, home, stub, base, state) = (
            dir.join("clone"),
            dir.join("home"),
            dir.join("stub"),
            dir.join("base"),
            dir.join("state"),
        );
        for d in [&clone, &home, &stub, &base, &state] {
            fs::create_dir_all(d).unwrap();
        }
        for f in CLONED {
            let to = clone.join(f);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(Path::new(ROOT).join(f), &to).unwrap();
        }
        for tool in BASE_TOOLS {
            if let Some(real) = which(tool) {
                std::os::unix::fs::symlink(real, base.join(tool)).unwrap();
            }
        }
        for (name, body) in STUBS {
            if *name == "cargo" && !with_cargo {
                continue;
            }
            let p = stub.join(name);
            fs::write(&p, format!("#!/bin/bash\n{body}\n")).unwrap();
            fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path = format!("{}:{}", stub.display(), base.display());
        let log = dir.join("log");
        fs::write(&log, "").unwrap();
        Machine {
            dir,
            clone,
            home,
            log,
            path,
        }
    }

    fn setup(&self) -> Output {
        self.run("setup")
    }

    /// `./build.sh COMMAND` on this machine, with a fresh log.
    fn run(&self, command: &str) -> Output {
        fs::write(&self.log, "").unwrap();
        Command::new(self.dir.join("base/bash"))
            .arg("build.sh")
            .arg(command)
            .current_dir(&self.clone)
            .env_clear()
            .env("PATH", &self.path)
            .env("HOME", &self.home)
            .env("LOG", &self.log)
            .env("STATE", self.dir.join("state"))
            .env("STUB", self.dir.join("stub"))
            .env("CLONE", &self.clone)
            .env("TMPDIR", &self.dir)
            .output()
            .unwrap()
    }

    fn calls(&self) -> Vec<String> {
        fs::read_to_string(&self.log)
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn which(tool: &str) -> Option<PathBuf> {
    ["/usr/bin", "/bin"]
        .iter()
        .map(|d| Path::new(d).join(tool))
        .find(|p| p.exists())
}

fn wasm_bindgen_in_lock() -> String {
    let lock = fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let at = lock
        .find("name = \"wasm-bindgen\"\n")
        .expect("wasm-bindgen in Cargo.lock");
    let line = lock[at..].lines().nth(1).unwrap();
    line.trim_start_matches("version = ")
        .trim_matches('"')
        .to_string()
}

fn describe(out: &Output, calls: &[String]) -> String {
    format!(
        "exit {:?}\nstderr:\n{}\ncalls:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr),
        calls.join("\n")
    )
}

#[test]
fn setup_on_a_new_machine_installs_everything_then_nothing() {
    let m = Machine::new("new", true);
    // The apt-get stand-in touches this instead of running apt-get update again.
    let out = m.setup();
    let calls = m.calls();
    let why = describe(&out, &calls);
    assert!(
        out.status.success(),
        "setup failed on a new machine:\n{why}"
    );
    let installs: Vec<&String> = calls
        .iter()
        .filter(|c| c.starts_with("apt-get install"))
        .collect();
    let apt = installs
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for pkg in [
        "rustc-web",
        "cargo-web",
        "rust-web-src",
        "lld-22",
        "binaryen",
        "chromium",
        "chromium-driver",
        "age",
        "nodejs",
        "default-jre-headless",
    ] {
        assert!(
            apt.split(' ').any(|w| w == pkg),
            "{pkg} not installed:\n{why}"
        );
    }
    let want = format!(
        "cargo install -q wasm-bindgen-cli --version {} --force",
        wasm_bindgen_in_lock()
    );
    assert!(calls.contains(&want), "expected `{want}`:\n{why}");
    assert!(
        calls.contains(&"npm ci --no-audit --no-fund --loglevel=error in tests/e2e".to_string()),
        "{why}"
    );
    assert!(
        calls.contains(&"npm ci --no-audit --no-fund --loglevel=error in tools".to_string()),
        "{why}"
    );
    // The XLSForm test's packages go into the project's venv, never into the system Python.
    assert!(
        calls
            .iter()
            .any(|c| c.starts_with("python3 -m venv") && c.ends_with("/target/py")),
        "{why}"
    );
    assert!(
        calls.iter().any(|c| c == "venv-python3 -m pip install -q --disable-pip-version-check -r tests/xlsform/requirements.txt"),
        "{why}"
    );
    assert!(
        !calls.iter().any(|c| c.starts_with("python3 -m pip")),
        "pip outside the venv:\n{why}"
    );
    assert!(
        m.clone.join("tests/e2e/node_modules").is_dir()
            && m.clone.join("tools/node_modules").is_dir()
    );

    // Run again: everything is there, so nothing is installed twice.
    let again = m.setup();
    let calls = m.calls();
    let why = describe(&again, &calls);
    assert!(again.status.success(), "second setup failed:\n{why}");
    assert!(
        !calls.iter().any(|c| c.starts_with("apt-get install")
            || c.starts_with("cargo install")
            || c.starts_with("npm ci")),
        "installed again:\n{why}"
    );
    // A lockfile that changed (a new test package) is installed again, in that folder only.
    let lock = m.clone.join("tests/e2e/package-lock.json");
    let mut text = fs::read_to_string(&lock).unwrap();
    text.push('\n');
    fs::write(&lock, text).unwrap();
    let again = m.setup();
    let calls = m.calls();
    let why = describe(&again, &calls);
    assert!(again.status.success(), "third setup failed:\n{why}");
    assert!(
        !calls
            .iter()
            .any(|c| c.starts_with("apt-get install") || c.starts_with("cargo install")),
        "installed again:\n{why}"
    );
    assert!(
        !calls.iter().any(|c| c.contains("pip install")),
        "pip again:\n{why}"
    );
    let npm: Vec<&String> = calls.iter().filter(|c| c.starts_with("npm ci")).collect();
    assert_eq!(npm.len(), 1, "only the changed lockfile's folder:\n{why}");
    assert!(npm[0].ends_with("in tests/e2e"), "{why}");
}

#[test]
fn setup_replaces_a_wasm_bindgen_of_another_version() {
    let m = Machine::new("old-bindgen", true);
    fs::create_dir_all(m.home.join(".cargo/bin")).unwrap();
    let old = m.home.join(".cargo/bin/wasm-bindgen");
    fs::write(&old, "#!/bin/sh\necho 'wasm-bindgen 0.2.1'\n").unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o755)).unwrap();
    let out = m.setup();
    let calls = m.calls();
    let why = describe(&out, &calls);
    assert!(out.status.success(), "{why}");
    assert!(
        calls
            .iter()
            .any(|c| c.starts_with("cargo install -q wasm-bindgen-cli")),
        "{why}"
    );
}

#[test]
fn setup_without_cargo_says_what_is_missing_in_one_line() {
    let m = Machine::new("no-cargo", false);
    let out = m.setup();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines().count() == 1 && err.contains("cargo is missing") && err.contains("rustup"),
        "{err}"
    );
    assert!(
        m.calls().is_empty(),
        "installed something without cargo: {:?}",
        m.calls()
    );
}

/// `./build.sh build` and `dist` on a new machine install what is missing before they compile,
/// instead of stopping at a compiler that is not there. (The clone here has no sources, so the
/// compile itself fails after the installs: this test is about what comes first.)
#[test]
fn commands_that_compile_install_what_is_missing_first() {
    for command in ["build", "dist"] {
        let m = Machine::new(command, true);
        let out = m.run(command);
        let calls = m.calls();
        let why = describe(&out, &calls);
        let rustc_web = calls.iter().position(|c| {
            c.starts_with("apt-get install") && c.split(' ').any(|w| w == "rustc-web")
        });
        assert!(
            rustc_web.is_some(),
            "`./build.sh {command}` did not install rustc-web:\n{why}"
        );
        assert!(
            calls
                .iter()
                .any(|c| c.starts_with("cargo install -q wasm-bindgen-cli")),
            "`./build.sh {command}` did not install wasm-bindgen:\n{why}"
        );
    }
}

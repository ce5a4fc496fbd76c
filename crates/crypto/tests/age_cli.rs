//! Interoperability with the real `age` command-line tool (Debian package `age`, installed by
//! `./build.sh setup`): what we write, `age` reads to the same bytes, and what `age` writes, we
//! read. `age -p` asks for its passphrase on the terminal only, so the passphrase tests run it
//! under `script(1)` (util-linux), which gives it a pseudo-terminal fed from our stdin.
mod common;
use common::rnd;
use resilience_crypto::age::{self, Identity, Recipient};
use resilience_crypto::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn tool(name: &str) -> &'static str {
    let path = match name {
        "age" => "/usr/bin/age",
        _ => "/usr/bin/age-keygen",
    };
    assert!(
        Path::new(path).exists(),
        "{path} is missing: run ./build.sh setup (Debian package age)"
    );
    path
}

struct Dir(PathBuf);
impl Dir {
    fn new(tag: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("resilience-age-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
    fn p(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}
impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `age-keygen`: (identity file text, recipient).
fn keygen(dir: &Dir, name: &str) -> (String, String) {
    let path = dir.p(name);
    run(Command::new(tool("age-keygen")).arg("-o").arg(&path));
    let text = std::fs::read_to_string(&path).unwrap();
    let public = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap()
        .to_string();
    (text, public)
}

/// Runs `cmd` (a shell command line) on a pseudo-terminal, typing `typed` lines.
fn on_tty(cmd: &str, typed: &[&str]) {
    let mut child = Command::new("script")
        .args(["-qec", cmd, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux");
    let mut stdin = child.stdin.take().unwrap();
    for l in typed {
        // age reads each prompt's answer separately: give it time to ask.
        std::thread::sleep(std::time::Duration::from_millis(300));
        writeln!(stdin, "{l}").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

const SIZES: [usize; 8] = [0, 1, 100, 65535, 65536, 65537, 131072, 200_003];

#[test]
fn keys_from_age_keygen_parse_and_match() {
    let d = Dir::new("keys");
    let (text, public) = keygen(&d, "k.txt");
    let ids = age::parse_identities(&text).unwrap();
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].recipient().to_string(), public);
    assert_eq!(Recipient::parse(&public).unwrap().to_string(), public);
    let secret = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap();
    assert_eq!(*ids[0].to_secret_string(), secret);
    // age-keygen -y derives the same recipient from a secret key we wrote.
    let ours = Identity::from_bytes(rnd(32, 5).try_into().unwrap());
    std::fs::write(d.p("ours.txt"), format!("{}\n", *ours.to_secret_string())).unwrap();
    let y = run(Command::new(tool("age-keygen"))
        .arg("-y")
        .arg(d.p("ours.txt")));
    assert_eq!(
        String::from_utf8(y).unwrap().trim(),
        ours.recipient().to_string()
    );
    // Typos are caught by the checksum.
    let mut bad = public.clone().into_bytes();
    let i = bad.len() - 3;
    bad[i] = if bad[i] == b'q' { b'p' } else { b'q' };
    assert!(matches!(
        Recipient::parse(std::str::from_utf8(&bad).unwrap()),
        Err(Error::BadKey(_))
    ));
}

#[test]
fn what_we_encrypt_age_decrypts_to_the_same_bytes() {
    let d = Dir::new("enc");
    let (_, hq) = keygen(&d, "hq.txt");
    let (_, other) = keygen(&d, "other.txt");
    let rs = [
        Recipient::parse(&other).unwrap(),
        Recipient::parse(&hq).unwrap(),
    ];
    for (k, &len) in SIZES.iter().enumerate() {
        let plain = rnd(len, k as u64 + 1);
        let enc = age::encrypt(&rs, &plain, &rnd(age::encrypt_random(2), 100 + k as u64)).unwrap();
        std::fs::write(d.p("x.age"), &enc).unwrap();
        // (To stdout: with -o, age creates no file at all for an empty plaintext.)
        let dec = run(Command::new(tool("age"))
            .args(["-d", "-i"])
            .arg(d.p("hq.txt"))
            .arg(d.p("x.age")));
        assert_eq!(dec, plain, "length {len}");
        // Armored too.
        std::fs::write(d.p("x.age.asc"), age::armor(&enc)).unwrap();
        let dec = run(Command::new(tool("age"))
            .args(["-d", "-i"])
            .arg(d.p("other.txt"))
            .arg(d.p("x.age.asc")));
        assert_eq!(dec, plain, "armored, length {len}");
    }
}

#[test]
fn what_age_encrypts_we_decrypt() {
    let d = Dir::new("dec");
    let (text, hq) = keygen(&d, "hq.txt");
    let ids = age::parse_identities(&text).unwrap();
    for (k, &len) in SIZES.iter().enumerate() {
        let plain = rnd(len, 50 + k as u64);
        std::fs::write(d.p("in"), &plain).unwrap();
        for armor in [false, true] {
            let mut cmd = Command::new(tool("age"));
            cmd.args(["-r", &hq]);
            if armor {
                cmd.arg("-a");
            }
            let enc = run(cmd.arg(d.p("in")));
            assert_eq!(
                age::decrypt(&ids, &enc).unwrap(),
                plain,
                "length {len}, armor {armor}"
            );
        }
    }
    // A file for someone else: no identity fits.
    let (_, stranger) = keygen(&d, "s.txt");
    let enc = run(Command::new(tool("age"))
        .args(["-r", &stranger])
        .arg(d.p("in")));
    assert_eq!(age::decrypt(&ids, &enc).unwrap_err(), Error::NoIdentity);
}

#[test]
fn passphrase_files_both_ways() {
    let d = Dir::new("pass");
    let plain = rnd(70_000, 9);
    std::fs::write(d.p("in"), &plain).unwrap();
    // Ours (work factor 2^12 to keep the test quick) → age -d asks for the passphrase.
    let enc = age::encrypt_with_passphrase(
        b"ours pass phrase",
        12,
        &plain,
        &rnd(age::PASSPHRASE_RANDOM, 3),
    )
    .unwrap();
    std::fs::write(d.p("ours.age"), &enc).unwrap();
    let cmd = format!(
        "{} -d -o {} {}",
        tool("age"),
        d.p("ours.out").display(),
        d.p("ours.age").display()
    );
    on_tty(&cmd, &["ours pass phrase"]);
    assert_eq!(std::fs::read(d.p("ours.out")).unwrap(), plain);
    // age -p (its default work factor, 2^18) → ours.
    let cmd = format!(
        "{} -p -o {} {}",
        tool("age"),
        d.p("theirs.age").display(),
        d.p("in").display()
    );
    on_tty(&cmd, &["their pass phrase", "their pass phrase"]);
    let theirs = std::fs::read(d.p("theirs.age")).unwrap();
    assert_eq!(
        age::decrypt_with_passphrase(b"their pass phrase", &theirs).unwrap(),
        plain
    );
    assert_eq!(
        age::decrypt_with_passphrase(b"their pass phrasE", &theirs).unwrap_err(),
        Error::WrongPassphrase
    );
}

/// The reverse hand-over: headquarters send a file encrypted to a field key, whose identity
/// file travels protected by a passphrase (`age-keygen | age -p -a`).
#[test]
fn passphrase_protected_identity_file() {
    let d = Dir::new("ident");
    let (_, field) = keygen(&d, "field.txt");
    for armor in [false, true] {
        let prot = d.p("field.txt.age");
        let cmd = format!(
            "{} -p {} -o {} {}",
            tool("age"),
            if armor { "-a" } else { "" },
            prot.display(),
            d.p("field.txt").display()
        );
        on_tty(&cmd, &["field passphrase", "field passphrase"]);
        let prot = std::fs::read(&prot).unwrap();
        let plain = rnd(1234, 77);
        std::fs::write(d.p("data"), &plain).unwrap();
        let data = run(Command::new(tool("age"))
            .args(["-r", &field])
            .arg(d.p("data")));
        assert_eq!(
            age::decrypt_with_identity_file(&data, &prot, b"field passphrase").unwrap(),
            plain
        );
        assert_eq!(
            age::decrypt_with_identity_file(&data, &prot, b"not it").unwrap_err(),
            Error::WrongPassphrase
        );
        // A plain identity file works without a passphrase.
        let text = std::fs::read(d.p("field.txt")).unwrap();
        assert_eq!(
            age::decrypt_with_identity_file(&data, &text, b"").unwrap(),
            plain
        );
    }
}

/// Every single-bit flip and every truncation of an age file is refused, never misread.
#[test]
fn tampering_and_truncation_are_refused() {
    let id = Identity::from_bytes(rnd(32, 1).try_into().unwrap());
    let plain = rnd(300, 2);
    let enc = age::encrypt(&[id.recipient()], &plain, &rnd(age::encrypt_random(1), 3)).unwrap();
    assert_eq!(
        age::decrypt(
            &[Identity::from_bytes(rnd(32, 1).try_into().unwrap())],
            &enc
        )
        .unwrap(),
        plain
    );
    for bit in 0..enc.len() * 8 {
        let mut t = enc.clone();
        t[bit / 8] ^= 1 << (bit % 8);
        assert!(
            age::decrypt(std::slice::from_ref(&id), &t).is_err(),
            "bit {bit} flipped was accepted"
        );
    }
    for n in 0..enc.len() {
        assert!(
            age::decrypt(std::slice::from_ref(&id), &enc[..n]).is_err(),
            "truncated to {n} was accepted"
        );
    }
    // Cut exactly at a chunk boundary: named as truncation.
    let big = rnd(3 * 65536, 4);
    let enc = age::encrypt(&[id.recipient()], &big, &rnd(age::encrypt_random(1), 5)).unwrap();
    let header = enc.len() - 16 - 3 * (65536 + 16);
    let cut = &enc[..header + 16 + 2 * (65536 + 16)];
    assert_eq!(
        age::decrypt(std::slice::from_ref(&id), cut).unwrap_err(),
        Error::Truncated
    );
    // Appending data after the last chunk is refused too.
    let mut longer = enc.clone();
    longer.extend_from_slice(&[0; 20]);
    assert!(age::decrypt(std::slice::from_ref(&id), &longer).is_err());
}

//! Running certsmith and its real peers (openssl, cfssl, cfssljson, pkilint)
//! in a scratch directory. A missing peer fails the test with a hint: the
//! README's test command installs them.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch directory with helpers to run commands in it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

/// The result of one command.
pub struct Run {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &Run {
        assert_eq!(self.status, 0, "command failed; stderr:\n{}", self.stderr);
        self
    }

    /// Asserts exit code 1 and returns stderr.
    #[track_caller]
    pub fn fails(&self) -> &str {
        assert_eq!(
            self.status,
            1,
            "expected exit 1; stdout:\n{}\nstderr:\n{}",
            self.stdout_str(),
            self.stderr
        );
        assert!(
            self.stdout.is_empty(),
            "a failed command printed data: {}",
            self.stdout_str()
        );
        &self.stderr
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout_str()))
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        finish(out)
    }
}

pub fn finish(out: Output) -> Run {
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// What the environment of every command the tests run leaves out: the
/// variables certsmith reads (`CERTSMITH_PASSPHRASE`, `CERTSMITH_FAULT`, an
/// auth key named on the command line), those of the Vault/OpenBao and age
/// tools it works beside. A developer's shell may hold any of them; a test
/// that wants one sets it with `.env(...)` on the command it runs.
const SCRUBBED_PREFIXES: [&str; 6] = ["CERTSMITH_", "VAULT_", "BAO_", "AGE_", "RAGE_", "SOPS_AGE_"];

/// Whether the test environment leaves the variable `name` out.
pub fn is_scrubbed(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    SCRUBBED_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// `program` with a scrubbed environment (see [`SCRUBBED_PREFIXES`]): every
/// command a test runs, certsmith, a peer or a shell, starts here.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    for (name, _) in std::env::vars_os() {
        if is_scrubbed(&name) {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// The certsmith binary under test, with a scrubbed environment.
pub fn certsmith_command() -> Command {
    command(assert_cmd::cargo::cargo_bin("certsmith"))
}

/// The path of the certsmith binary under test, for commands run through a
/// shell or another program.
pub fn certsmith_bin() -> String {
    path_str(&assert_cmd::cargo::cargo_bin("certsmith")).to_owned()
}

/// Fails with an install hint when a peer tool is missing.
#[track_caller]
pub fn require(tool: &str) {
    let found = command("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{tool}` is not installed: run the README's test command (make test), which installs the test peers"
    );
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// Runs certsmith with `args` in the scratch directory.
    pub fn certsmith(&self, args: &[&str]) -> Run {
        self.certsmith_stdin(args, b"")
    }

    pub fn certsmith_stdin(&self, args: &[&str], stdin: &[u8]) -> Run {
        let mut cmd = certsmith_command();
        cmd.args(args);
        self.run_with_stdin(cmd, stdin)
    }

    /// Runs any program in the scratch directory.
    pub fn run(&self, program: &str, args: &[&str]) -> Run {
        self.run_stdin(program, args, b"")
    }

    pub fn run_stdin(&self, program: &str, args: &[&str], stdin: &[u8]) -> Run {
        require(program);
        let mut cmd = command(program);
        cmd.args(args);
        self.run_with_stdin(cmd, stdin)
    }

    fn run_with_stdin(&self, mut cmd: Command, stdin: &[u8]) -> Run {
        cmd.current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn");
        {
            use std::io::Write;
            let mut input = child.stdin.take().expect("stdin");
            let _ = input.write_all(stdin);
        }
        finish(child.wait_with_output().expect("wait"))
    }

    /// `certsmith key encrypt -p --passphrase-file PASSPHRASE_FILE -o SEALED KEY`:
    /// KEY sealed with a passphrase, asserting it worked.
    pub fn seal_with_passphrase(&self, key: &str, passphrase_file: &str, sealed: &str) {
        self.certsmith(&[
            "key",
            "encrypt",
            "-p",
            "--passphrase-file",
            passphrase_file,
            "-o",
            sealed,
            key,
        ])
        .ok();
    }

    /// `certsmith ARGS | certsmith split-json NAME`, asserting both succeed.
    #[track_caller]
    pub fn certsmith_split(&self, args: &[&str], name: &str) -> Run {
        let run = self.certsmith(args);
        run.ok();
        self.certsmith_stdin(&["split-json", name], &run.stdout)
            .ok();
        run
    }

    /// `certsmith SUBCOMMAND --ca CA.pem --ca-key CA-key.pem ARGS`, for the
    /// other subcommands that sign with a CA (`crl`, `revoke`, `renew`...).
    pub fn certsmith_ca(&self, subcommand: &str, ca: &str, args: &[&str]) -> Run {
        self.certsmith_ca_stdin(subcommand, ca, args, b"")
    }

    /// [`Scratch::certsmith_ca`] with `stdin`.
    pub fn certsmith_ca_stdin(
        &self,
        subcommand: &str,
        ca: &str,
        args: &[&str],
        stdin: &[u8],
    ) -> Run {
        self.certsmith_stdin(&with_ca(subcommand, &ca_args(ca), args), stdin)
    }

    /// [`Scratch::certsmith_ca`] piped into `split-json NAME`, asserting both succeed.
    #[track_caller]
    pub fn certsmith_ca_split(&self, subcommand: &str, ca: &str, args: &[&str], name: &str) -> Run {
        self.certsmith_split(&with_ca(subcommand, &ca_args(ca), args), name)
    }

    /// `certsmith sign --ca CA.pem --ca-key CA-key.pem ARGS`: signing with
    /// the CA that `init_ca(CA, ..)` (or `initca | split-json CA`) made.
    pub fn sign(&self, ca: &str, args: &[&str]) -> Run {
        self.sign_stdin(ca, args, b"")
    }

    /// [`Scratch::sign`] with `stdin`.
    pub fn sign_stdin(&self, ca: &str, args: &[&str], stdin: &[u8]) -> Run {
        self.certsmith_stdin(&with_ca("sign", &ca_args(ca), args), stdin)
    }

    /// [`Scratch::sign`] piped into `split-json NAME`, asserting both succeed.
    #[track_caller]
    pub fn sign_split(&self, ca: &str, args: &[&str], name: &str) -> Run {
        self.certsmith_split(&with_ca("sign", &ca_args(ca), args), name)
    }

    /// Runs examples/EXAMPLE/SCRIPT ARGS (executed, by its shebang) in the scratch directory,
    /// as a user runs it: `CERTSMITH` names the binary under test, the
    /// environment is scrubbed like every command's, and `env` is added.
    pub fn run_example(
        &self,
        example: &str,
        script: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Run {
        require("bash");
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(example)
            .join(script);
        // Executed, not handed to bash: the README runs the scripts directly,
        // so their executable bit and shebang are part of what is tested.
        let out = command(path_str(&script))
            .args(args)
            .env("CERTSMITH", certsmith_bin())
            .envs(env.iter().copied())
            .current_dir(self.dir.path())
            .output()
            .expect("spawn the example script");
        finish(out)
    }

    /// Makes a CA with `initca` from a CSR JSON, split into NAME.pem and NAME-key.pem.
    pub fn init_ca(&self, name: &str, csr_json: &str) {
        let file = format!("{name}-csr.json");
        self.write(&file, csr_json);
        self.certsmith_split(&["initca", &file], name);
    }

    /// `openssl verify` of `cert` against `root`, with optional untrusted intermediates.
    #[track_caller]
    /// A P-256 key made by openssl (`genpkey`, PKCS#8 PEM) at `out`: a key
    /// from another tool, for the tests that read or sign with one.
    pub fn openssl_p256_key(&self, out: &str) {
        self.run(
            "openssl",
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                out,
            ],
        )
        .ok();
    }

    pub fn openssl_verify(&self, root: &str, untrusted: &[&str], cert: &str) {
        let mut args = vec!["verify", "-x509_strict", "-CAfile", root];
        for u in untrusted {
            args.extend(["-untrusted", u]);
        }
        args.push(cert);
        let run = self.run("openssl", &args);
        assert!(
            run.status == 0 && run.stdout_str().contains(": OK"),
            "openssl verify {cert}: {}{}",
            run.stdout_str(),
            run.stderr
        );
    }

    /// pkilint at WARNING and above, apart from its objection to single-label
    /// DNS names (`kubernetes`, `worker-0`), which private PKIs use.
    #[track_caller]
    pub fn pkilint(&self, cert: &str) {
        let run = self.run("lint_pkix_cert", &["lint", "-s", "WARNING", cert]);
        let output = run.stdout_str();
        let findings: Vec<&str> = output
            .lines()
            .filter(|l| l.contains("(WARNING)") || l.contains("(ERROR)") || l.contains("(FATAL)"))
            .filter(|l| !is_single_label_dns_finding(l))
            .collect();
        assert!(
            findings.is_empty() && run.stderr.trim().is_empty(),
            "pkilint findings for {cert}: {findings:#?}\nfull output:\n{}{}",
            run.stdout_str(),
            run.stderr
        );
    }

    /// pkilint's PKIX CRL linter at WARNING and above finds nothing.
    #[track_caller]
    pub fn lint_crl(&self, crl: &str) {
        let run = self.run(
            "lint_crl",
            &["lint", "-t", "CRL", "-p", "PKIX", "-s", "WARNING", crl],
        );
        let out = run.stdout_str();
        let findings: Vec<&str> = out
            .lines()
            .filter(|l| l.contains("(WARNING)") || l.contains("(ERROR)") || l.contains("(FATAL)"))
            .collect();
        assert!(
            run.status == 0 && findings.is_empty() && run.stderr.trim().is_empty(),
            "lint_crl findings for {crl}: {findings:#?}\n{out}{}",
            run.stderr
        );
    }

    /// openssl's text dump of a certificate, for assertions on its fields.
    pub fn x509_text(&self, cert: &str) -> String {
        self.run("openssl", &["x509", "-noout", "-text", "-in", cert])
            .ok()
            .stdout_str()
    }

    /// Every file under `dir` (relative to the scratch directory; "" for
    /// all of it) whose bytes hold `needle`, relative to the scratch
    /// directory and sorted: where a secret was left.
    pub fn files_containing(&self, dir: &str, needle: &str) -> Vec<String> {
        let mut hits = Vec::new();
        let mut pending = vec![self.path(dir)];
        while let Some(d) = pending.pop() {
            for entry in std::fs::read_dir(&d).expect("read dir") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    pending.push(path);
                } else if std::fs::read(&path)
                    .expect("read file")
                    .windows(needle.len())
                    .any(|w| w == needle.as_bytes())
                {
                    let relative = path.strip_prefix(self.dir.path()).unwrap();
                    hits.push(relative.display().to_string());
                }
            }
        }
        hits.sort();
        hits
    }

    pub fn file_mode(&self, name: &str) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(self.path(name))
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    }
}

/// pkilint's finding for a DNS name without a dot, such as
/// `pkix.invalid_domain_name_syntax (ERROR): Invalid domain name syntax: "worker-0"`.
/// Only that finding, and only for a name with no dot, is tolerated.
fn is_single_label_dns_finding(line: &str) -> bool {
    let Some(rest) = line
        .split("pkix.invalid_domain_name_syntax (ERROR): Invalid domain name syntax: \"")
        .nth(1)
    else {
        return false;
    };
    let name = rest.trim_end().trim_end_matches('"');
    !name.is_empty()
        && !name.contains('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `--ca CA.pem --ca-key CA-key.pem`: the files `split-json CA` writes for a CA.
pub fn ca_args(ca: &str) -> [String; 4] {
    [
        "--ca".into(),
        format!("{ca}.pem"),
        "--ca-key".into(),
        format!("{ca}-key.pem"),
    ]
}

/// `--ca CA.pem --ca-key CA-key.age`: a CA whose key is sealed with age.
pub fn sealed_ca_args(ca: &str) -> [String; 4] {
    [
        "--ca".into(),
        format!("{ca}.pem"),
        "--ca-key".into(),
        format!("{ca}-key.age"),
    ]
}

/// `SUBCOMMAND --ca .. --ca-key .. ARGS`, for a subcommand that signs with a CA.
pub fn with_ca<'a>(subcommand: &'a str, ca: &'a [String; 4], args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec![subcommand];
    all.extend(ca.iter().map(String::as_str));
    all.extend_from_slice(args);
    all
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A scratch directory with a root CA from [`ROOT_CSR`]: ca.pem, ca-key.pem.
pub fn with_root() -> Scratch {
    let s = Scratch::new();
    s.init_ca("ca", ROOT_CSR);
    s
}

pub const ROOT_CSR: &str =
    r#"{"CN":"Test Root CA","names":[{"C":"US","O":"certsmith tests"}],"ca":{"expiry":"87600h"}}"#;

/// A real OpenBao on 127.0.0.1: `bao server -dev` (in memory, unsealed) with
/// a generated root token, on a free port, logging to `bao-PORT.log` in the
/// scratch directory. Dropping it kills the server by its PID, so a failing
/// test leaves no server behind.
///
/// The root token reaches the server in `BAO_DEV_ROOT_TOKEN_ID` and the CLI
/// in `BAO_TOKEN`, never in argv, and `-dev-no-store-token` keeps it out of
/// `~/.vault-token`. The config file (`bao-PORT.hcl`) sets
/// `disable_clustering`: a dev server otherwise also listens on PORT+1 for a
/// cluster it does not have, a port another test may have been given.
pub struct Bao {
    child: std::process::Child,
    port: u16,
    /// The `listener "tcp"` with the TLS certificate, for [`Bao::start_tls`].
    tls_port: Option<u16>,
    http_addr: String,
    token: String,
    dir: PathBuf,
    log: PathBuf,
}

impl Bao {
    /// A dev server with plain HTTP on [`Bao::addr`].
    pub fn start(s: &Scratch) -> Bao {
        Bao::launch(s, None, "")
    }

    /// A dev server that writes every request, raw (`log_raw`: bodies not
    /// hashed), to `log` in the scratch directory: OpenBao takes audit
    /// devices only from its config file.
    pub fn start_audited(s: &Scratch, log: &str) -> Bao {
        let audit = format!(
            "audit \"file\" \"raw\" {{\n  options {{\n    file_path = {:?}\n    log_raw = \"true\"\n  }}\n}}\n",
            path_str(&s.path(log))
        );
        Bao::launch(s, None, &audit)
    }

    /// A dev server that also serves TLS on [`Bao::addr`] with `cert` (PEM,
    /// the server's certificate, optionally followed by its chain) and `key`
    /// (PEM), paths in the scratch directory: a `listener "tcp"` block with
    /// `tls_cert_file` and `tls_key_file` in the config, beside the dev
    /// listener, which stays plain HTTP on [`Bao::http_addr`] for the CLI.
    pub fn start_tls(s: &Scratch, cert: &str, key: &str) -> Bao {
        Bao::launch(s, Some((s.path(cert), s.path(key))), "")
    }

    fn launch(s: &Scratch, tls: Option<(PathBuf, PathBuf)>, extra_config: &str) -> Bao {
        require("bao");
        let token = random_hex(16);
        for _attempt in 0..3 {
            let port = free_port();
            let tls_port = tls.as_ref().map(|_| free_port());
            let mut config = String::from("disable_clustering = true\n");
            config.push_str(extra_config);
            if let (Some((cert, key)), Some(tls_port)) = (&tls, tls_port) {
                config.push_str(&format!(
                    "listener \"tcp\" {{\n  address = \"127.0.0.1:{tls_port}\"\n  \
                     tls_cert_file = {:?}\n  tls_key_file = {:?}\n}}\n",
                    path_str(cert),
                    path_str(key),
                ));
            }
            let config_file = s.write(&format!("bao-{port}.hcl"), &config);
            let log = s.path(&format!("bao-{port}.log"));
            let out = std::fs::File::create(&log).expect("bao log");
            let child = command("bao")
                .arg("server")
                .arg("-dev")
                .arg("-dev-no-store-token")
                .arg(format!("-dev-listen-address=127.0.0.1:{port}"))
                .arg(format!("-config={}", path_str(&config_file)))
                .env("BAO_DEV_ROOT_TOKEN_ID", &token)
                .current_dir(s.dir.path())
                .stdin(Stdio::null())
                .stdout(out.try_clone().expect("log handle"))
                .stderr(out)
                .spawn()
                .unwrap_or_else(|e| panic!("spawn bao server: {e}"));
            let mut bao = Bao {
                child,
                port,
                tls_port,
                http_addr: format!("http://127.0.0.1:{port}"),
                token: token.clone(),
                dir: s.dir.path().to_owned(),
                log,
            };
            if bao.wait_until_ready() {
                return bao;
            }
        }
        panic!("bao server could not bind a free port in 3 attempts");
    }

    /// Waits (at most 15 s) until `GET /v1/sys/health` answers 200 (the
    /// server is unsealed and active) and the TLS listener, if any, accepts
    /// connections. False when the server exited because its port was taken
    /// between [`free_port`] and its bind; a panic for any other exit.
    fn wait_until_ready(&mut self) -> bool {
        use std::time::{Duration, Instant};
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                let log = self.log();
                if log.contains("address already in use") {
                    return false;
                }
                panic!("bao server exited ({status}) before it was ready:\n{log}");
            }
            let tls_ready = self
                .tls_port
                .is_none_or(|port| loopback(port, Duration::from_millis(200)).is_some());
            if tls_ready && health_status(self.port) == Some(200) {
                return true;
            }
            assert!(
                Instant::now() < deadline,
                "bao server on {} not ready within 15 s:\n{}",
                self.http_addr,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The address clients use: `https://127.0.0.1:PORT` for
    /// [`Bao::start_tls`], else `http://127.0.0.1:PORT`.
    pub fn addr(&self) -> String {
        match self.tls_port {
            Some(port) => format!("https://127.0.0.1:{port}"),
            None => self.http_addr.clone(),
        }
    }

    /// The dev listener, plain HTTP (the one [`Bao::bao`] talks to).
    pub fn http_addr(&self) -> &str {
        &self.http_addr
    }

    /// The port of the dev listener.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The root token.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `BAO_ADDR` (the dev listener) and `BAO_TOKEN` (the root token): the
    /// environment of the `bao` CLI, e.g. for [`Scratch::run_example`].
    pub fn env(&self) -> [(&str, &str); 2] {
        [("BAO_ADDR", &self.http_addr), ("BAO_TOKEN", &self.token)]
    }

    /// The `bao` CLI with `args`, in the scratch directory (so `@FILE`
    /// arguments are read there), talking to this server as root.
    pub fn bao(&self, args: &[&str]) -> Run {
        self.bao_stdin(args, b"")
    }

    /// [`Bao::bao`] with `stdin` (for an argument `-` or `KEY=-`).
    pub fn bao_stdin(&self, args: &[&str], stdin: &[u8]) -> Run {
        use std::io::Write;
        let mut child = command("bao")
            .args(args)
            .envs(self.env())
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn bao");
        let _ = child.stdin.take().expect("stdin").write_all(stdin);
        finish(child.wait_with_output().expect("wait for bao"))
    }

    /// `bao read -format=json PATH`, asserting success: the response's `data`.
    #[track_caller]
    pub fn read(&self, path: &str) -> serde_json::Value {
        self.data(&["read", "-format=json", path])
    }

    /// `bao write -format=json PATH FIELDS…` (`key=value`, `key=@file`),
    /// asserting success: the response's `data`.
    #[track_caller]
    pub fn write(&self, path: &str, fields: &[&str]) -> serde_json::Value {
        self.data(&[&["write", "-format=json", path], fields].concat())
    }

    #[track_caller]
    fn data(&self, args: &[&str]) -> serde_json::Value {
        let run = self.bao(args);
        run.ok();
        run.json()["data"].clone()
    }

    /// A PKI secrets engine at `mount`, its longest lifetime raised to 10
    /// years (the default, 32 days, would clamp an intermediate's).
    #[track_caller]
    pub fn enable_pki(&self, mount: &str) {
        self.bao(&["secrets", "enable", &format!("-path={mount}"), "pki"])
            .ok();
        self.bao(&["secrets", "tune", "-max-lease-ttl=87600h", mount])
            .ok();
    }
}

impl Drop for Bao {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind 127.0.0.1:0")
        .local_addr()
        .expect("local addr")
        .port()
}

/// A connection to 127.0.0.1:`port`, if one is accepted within `timeout`.
fn loopback(port: u16, timeout: std::time::Duration) -> Option<std::net::TcpStream> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    std::net::TcpStream::connect_timeout(&addr, timeout).ok()
}

/// The HTTP status of `GET /v1/sys/health` on 127.0.0.1:`port` (plain
/// HTTP/1.0: no client library needed), if the server answers.
fn health_status(port: u16) -> Option<u16> {
    use std::io::{Read, Write};
    let timeout = std::time::Duration::from_millis(500);
    let mut stream = loopback(port, timeout)?;
    stream.set_read_timeout(Some(timeout)).ok()?;
    stream
        .write_all(b"GET /v1/sys/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .ok()?;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let status_line = response.split(|&b| b == b'\n').next()?;
    String::from_utf8_lossy(status_line)
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// `bytes` random bytes as lower-case hex.
fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("random bytes");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

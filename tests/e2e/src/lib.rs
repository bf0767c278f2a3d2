//! Harness for end-to-end tests of the real Assent window.
//!
//! Each test starts its own `tauri-driver` (which starts `WebKitWebDriver`),
//! launches the debug app binary against a temporary database, signs in (as
//! [`USER`] unless told otherwise), drives it over WebDriver and saves a
//! screenshot of every screen it visits into `target/e2e-screenshots/`. The
//! binaries must already be built (`make test` does this) and an X display
//! must be available (Xvfb).
//!
//! Databases are encrypted, so tests read what is stored through the core
//! ([`store`], [`count`]), signed in as [`USER`] with [`PASSWORD`].

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use assent_core::Store;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

pub mod fonts;
pub mod signing;

/// How long to wait for the UI to show something before the test fails.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// The head user every test school is made with, and who the app signs in as by default.
pub const USER: &str = "head";
/// The password of every user in the test schools (the demo's office, teacher and it too).
pub const PASSWORD: &str = "juniper-e2e-pass";
/// The name [`init_school`] gives the head user.
pub const HEAD_NAME: &str = "Harriet Head";
/// The demo school's head user's name, as `assent demo` sets it.
pub const DEMO_HEAD_NAME: &str = "Helen Okafor";

/// The WebDriver key code for Enter.
pub const ENTER: &str = "\u{E007}";

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root exists")
}

/// The build's target folder.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from)
}

/// A built binary: the debug build, or the one `ASSENT_E2E_PROFILE` names
/// (`release` for the benchmarks).
pub fn binary(name: &str) -> PathBuf {
    let profile = std::env::var("ASSENT_E2E_PROFILE").unwrap_or_else(|_| "debug".to_owned());
    let path = target_dir().join(profile).join(name);
    assert!(
        path.is_file(),
        "{} is missing: build it first (`make test` builds it)",
        path.display()
    );
    path
}

/// Runs the `assent` CLI with `args` against `db`, signed in as [`USER`].
pub fn cli(db: &Path, args: &[&str]) -> Output {
    cli_as(db, USER, args)
}

/// Runs the `assent` CLI with `args` against `db`, signed in as `user` with [`PASSWORD`].
pub fn cli_as(db: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(binary("assent"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("ASSENT_USER", user)
        .env("ASSENT_PASSWORD", PASSWORD)
        .env_remove("ASSENT_DB")
        .stdin(Stdio::null())
        .output()
        .expect("assent runs")
}

/// Creates an empty school at `db` with [`USER`] ([`HEAD_NAME`]) as its head user.
pub fn init_school(db: &Path, name: &str) {
    run_cli(
        db,
        &[
            "init",
            "--school",
            name,
            "--admin",
            USER,
            "--admin-name",
            HEAD_NAME,
        ],
    );
}

/// Opens the encrypted database at `db` as [`USER`], to check what is stored.
pub fn store(db: &Path) -> Store {
    Store::open(db, USER, PASSWORD)
        .unwrap_or_else(|e| panic!("open {} as {USER}: {e}", db.display()))
}

/// A running `tauri-driver`, stopped with SIGTERM when dropped so that it
/// also stops its `WebKitWebDriver`.
pub struct Driver {
    child: Child,
    port: u16,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free local port")
        .port()
}

impl Driver {
    /// Starts `tauri-driver` on free ports and waits until it accepts connections.
    pub fn start() -> Driver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no X display: run the end-to-end tests under Xvfb (`make e2e` does)"
        );
        let port = free_port();
        let native_port = free_port();
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver is installed (`make test` installs it)");
        let driver = Driver { child, port };
        let deadline = Instant::now() + UI_TIMEOUT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// The `tauri-driver` process's id (the app runs under it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Opens the app on `db` and signs in as [`USER`], waiting for the dashboard.
    pub async fn launch(&self, db: &Path) -> Client {
        self.launch_as(db, USER).await
    }

    /// Opens the app on `db` and signs in as `user` with [`PASSWORD`], waiting for the dashboard.
    pub async fn launch_as(&self, db: &Path, user: &str) -> Client {
        let client = self.launch_signed_out(db).await;
        sign_in(&client, user, PASSWORD).await;
        client
    }

    /// Opens the app on `db` in a new WebDriver session, without signing in:
    /// it shows the sign-in screen, or the Welcome page when there is no database.
    pub async fn launch_signed_out(&self, db: &Path) -> Client {
        let app = binary("assent-app");
        let caps = serde_json::json!({
            "tauri:options": {
                "application": app,
                "args": ["--db", db],
            }
        });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!()
        };
        // tauri-driver listens before the WebKit driver behind it is ready, and
        // under load it can drop the first request for a session: ask again.
        let mut tries = 0;
        loop {
            tries += 1;
            match ClientBuilder::rustls()
                .expect("TLS roots load")
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await
            {
                Ok(client) => return client,
                Err(e) if tries < 3 => {
                    eprintln!("no WebDriver session yet ({e}); asking again");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("a WebDriver session with the app: {e}"),
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Saves numbered screenshots for one test.
pub struct Screens {
    prefix: String,
    count: u32,
}

impl Screens {
    /// Screenshots named `<test>-NN-<screen>.png`.
    pub fn new(test: &str) -> Screens {
        Screens {
            prefix: test.to_owned(),
            count: 0,
        }
    }

    /// Takes a screenshot of the window and saves it.
    pub async fn save(&mut self, client: &Client, screen: &str) {
        self.count += 1;
        let dir = target_dir().join("e2e-screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        let png = client.screenshot().await.expect("a screenshot");
        let path = dir.join(format!("{}-{:02}-{screen}.png", self.prefix, self.count));
        std::fs::write(&path, png).expect("screenshot written");
    }
}

/// Fails the test with `message`, adding what the window shows: its text, and a
/// screenshot saved as `target/e2e-screenshots/failed-<time>.png`. A timing
/// failure on a slow machine can then be read from the log alone.
pub async fn fail(client: &Client, message: &str) -> ! {
    let dir = target_dir().join("e2e-screenshots");
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let name = format!("failed-{millis}.png");
    // A window that has stopped answering must not turn a failure into a hang.
    let within = Duration::from_secs(5);
    let saved = match tokio::time::timeout(within, client.screenshot()).await {
        Ok(Ok(png)) => std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join(&name), png))
            .is_ok(),
        _ => false,
    };
    let shown = tokio::time::timeout(within, async {
        match client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(e) => format!("(no page: {e})"),
        }
    })
    .await
    .unwrap_or_else(|_| "(the window did not answer)".to_owned());
    let shown: String = shown.chars().take(2000).collect();
    let screenshot = if saved { name } else { "none".to_owned() };
    panic!("{message}\n--- the window showed ---\n{shown}\n--- screenshot: {screenshot}");
}

/// Saves a screenshot once the window has painted the last change.
pub async fn shot(client: &Client, shots: &mut Screens, name: &str) {
    tokio::time::sleep(Duration::from_millis(400)).await;
    shots.save(client, name).await;
}

/// Chooses the option with `value` in the select with `data-testid` = `id`.
pub async fn choose(client: &Client, id: &str, value: &str) {
    by_test_id(client, id)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value} in {id}: {e}"));
}

/// Waits until the first element matching `css` shows text for which `ok`
/// holds, and returns that text; fails with `wanted` and the last text seen.
/// The text waits below are all this one loop.
async fn wait_for_text_where(
    client: &Client,
    css: &str,
    ok: impl Fn(&str) -> bool,
    wanted: &str,
) -> String {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if ok(&last) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fail(client, &format!("{css} shows {last:?}, never {wanted}")).await
}

/// Waits until the first element matching `css` shows text containing `needle`; returns it.
pub async fn wait_for_css(client: &Client, css: &str, needle: &str) -> String {
    wait_for_text_where(client, css, |t| t.contains(needle), &format!("{needle:?}")).await
}

/// Whether anything has `data-testid` = `id` right now.
pub async fn present(client: &Client, id: &str) -> bool {
    client
        .find(Locator::Css(&format!("[data-testid=\"{id}\"]")))
        .await
        .is_ok()
}

/// Waits until exactly `n` elements match `css`.
pub async fn wait_for_count(client: &Client, css: &str, n: usize) {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = 0;
    while Instant::now() < deadline {
        last = client
            .find_all(Locator::Css(css))
            .await
            .map_or(0, |all| all.len());
        if last == n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fail(
        client,
        &format!("{css} matched {last} elements, expected {n}"),
    )
    .await;
}

/// The element with `data-testid` = `id`, waiting for it to appear.
pub async fn by_test_id(client: &Client, id: &str) -> Element {
    let css = format!("[data-testid=\"{id}\"]");
    match client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css(&css))
        .await
    {
        Ok(el) => el,
        Err(e) => fail(client, &format!("no element {css}: {e}")).await,
    }
}

/// Waits until the element with `data-testid` = `id` has exactly `expected` as its text.
pub async fn wait_for_text(client: &Client, id: &str, expected: &str) {
    wait_for_text_where(
        client,
        &format!("[data-testid=\"{id}\"]"),
        |t| t.trim() == expected,
        &format!("exactly {expected:?}"),
    )
    .await;
}

/// Waits until the page's visible text contains `needle`.
pub async fn wait_for_body_text(client: &Client, needle: &str) -> String {
    wait_for_css(client, "body", needle).await
}

/// Signs in on the sign-in screen with the keyboard only (typing, then Enter)
/// and waits for the dashboard; fails the test with the screen's error if refused.
pub async fn sign_in(client: &Client, user: &str, password: &str) {
    let username = by_test_id(client, "sign-in-username").await;
    username.clear().await.unwrap();
    username.send_keys(user).await.unwrap();
    let field = by_test_id(client, "sign-in-password").await;
    field.clear().await.unwrap();
    field
        .send_keys(&format!("{password}{ENTER}"))
        .await
        .unwrap();
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        if client
            .find(Locator::Css("[data-testid=\"page-dashboard\"]"))
            .await
            .is_ok()
        {
            return;
        }
        if let Ok(alert) = client
            .find(Locator::Css("[data-testid=\"sign-in\"] [role=\"alert\"]"))
            .await
        {
            let text = alert.text().await.unwrap_or_default();
            panic!("signing in as {user} was refused: {text}");
        }
        assert!(
            Instant::now() < deadline,
            "signing in as {user} never reached the dashboard"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs a Tauri command from inside the window, as the UI would, and returns
/// `Ok(value)` or `Err(error)` as the backend answered.
pub async fn invoke_in_window(
    client: &Client,
    command: &str,
    args: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    let answer = client
        .execute_async(
            "const [command, args, done] = arguments;
             window.__TAURI_INTERNALS__.invoke(command, args)
               .then((value) => done({ ok: value ?? null }), (error) => done({ err: error ?? null }));",
            vec![serde_json::Value::String(command.to_owned()), args],
        )
        .await
        .expect("the script runs in the window");
    match (answer.get("ok"), answer.get("err")) {
        (Some(v), _) => Ok(v.clone()),
        (None, Some(e)) => Err(e.clone()),
        _ => panic!("no answer from {command}: {answer}"),
    }
}

/// Runs the `assent` CLI and insists that it succeeds.
pub fn run_cli(db: &Path, args: &[&str]) {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "assent {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One number from the database, read through the core as [`USER`].
pub fn count(db: &Path, sql: &str) -> i64 {
    store(db)
        .inspect()
        .query_row(sql, (), |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Clicks the element with `data-testid` = `id`, waiting for it to appear.
pub async fn click(client: &Client, id: &str) {
    by_test_id(client, id).await.click().await.unwrap();
}

/// Scrolls the first element matching `css` to the top of the window, for a screenshot.
pub async fn scroll_to(client: &Client, css: &str) {
    let _ = client
        .execute(
            "const el = document.querySelector(arguments[0]); if (el) el.scrollIntoView({block: 'start'});",
            vec![serde_json::Value::String(css.to_owned())],
        )
        .await;
}

/// Waits until nothing matches `css` any more; `what` says what should have gone.
pub async fn wait_until_gone(client: &Client, css: &str, what: &str) {
    let deadline = Instant::now() + UI_TIMEOUT;
    while client.find(Locator::Css(css)).await.is_ok() {
        if Instant::now() >= deadline {
            fail(client, what).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

//! A uid with no passwd entry in the TUI (robustness item 17): the screens read, never offer
//! to save, and never tell anyone to add the placeholder login as a rep; started on a path
//! with no database, the program refuses before it creates the file.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyCode;
use salestrack::config::Settings;
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::access::NO_LOGIN;
use salestrack::store::customers::NewCustomer;
use salestrack::tui::app::App;

use crate::common::screen::{clock, key, lang_lock, render, temp_dir};

/// What the old message told such a user: to have `(no passwd entry)` added as a rep.
fn suggests_adding_a_rep(text: &str) -> bool {
    text.contains("rep add") || text.contains("add you") || text.contains("添加你")
}

/// A database with a manager and one customer, and the App on it as `login`.
fn app_as(dir: &Path, login: &str) -> App {
    let mut store = Store::create_or_open(&dir.join("t.db"), clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    let acme = NewCustomer {
        name: "Acme Ltd".into(),
        ..NewCustomer::default()
    };
    store.add_customer(&boss, acme).unwrap();
    let actor = store.actor_for(login).unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(160, 24);
    app
}

/// The status line's message after `keys`, with no form left open by them.
fn refusal_after(app: &mut App, keys: &[char]) -> String {
    app.message = None;
    for k in keys {
        key(app, KeyCode::Char(*k));
    }
    assert!(
        app.form.is_none(),
        "{keys:?} opened a form nobody could save"
    );
    let message = app.message.clone().unwrap_or_default();
    let start: String = message.chars().take(10).collect();
    assert!(
        render(app, 160, 24).contains(&start),
        "on screen: {message}"
    );
    message
}

#[test]
fn the_screens_say_why_a_user_without_passwd_entry_cannot_write() {
    for lang in [Lang::En, Lang::Zh] {
        let _l = lang_lock(lang);
        let dir = temp_dir();
        let mut app = app_as(dir.path(), NO_LOGIN);
        let first = render(&app, 160, 24);
        assert!(
            first.contains("passwd"),
            "{lang:?}: said at start:\n{first}"
        );
        assert!(!suggests_adding_a_rep(&first), "{lang:?}:\n{first}");
        // A login that is not a rep sees no customer (the data scopes), and is told why.
        assert_eq!(
            app.tabs.customers.list.total, 0,
            "nothing is shown to a stranger"
        );
        // Add a customer, add a visit, the agenda of my follow-ups.
        for keys in [&['1', 'a'][..], &['2', 'a'], &['2', 'o']] {
            let said = refusal_after(&mut app, keys);
            assert!(said.contains("passwd"), "{lang:?} {keys:?}: {said}");
            assert!(!suggests_adding_a_rep(&said), "{lang:?} {keys:?}: {said}");
        }
    }
}

#[test]
fn a_login_that_is_not_a_rep_is_still_told_how_to_be_added() {
    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let mut app = app_as(dir.path(), "stranger");
    for keys in [&['1', 'a'][..], &['2', 'a']] {
        let said = refusal_after(&mut app, keys);
        assert!(
            said.contains("stranger is not a rep") && said.contains("rep add"),
            "{keys:?}: {said}"
        );
    }
}

/// A uid no account has (as in `inputs.rs`).
const NO_SUCH_UID: u32 = 54321;

/// Why the binary cannot be run here under a uid with no passwd entry, if it cannot.
fn cannot_run_as_nobody() -> Option<&'static str> {
    use std::os::unix::fs::MetadataExt;
    if !std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0) {
        return Some("only root can run the binary under a uid with no passwd entry");
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    if passwd.contains(&format!(":{NO_SUCH_UID}:")) {
        return Some("the uid has a passwd entry here");
    }
    let works = |program: &str| {
        Command::new(program)
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !works("tmux") || !works("setpriv") {
        return Some("tmux and setpriv are needed to give the program a terminal as that uid");
    }
    None
}

/// The program without a subcommand, in a terminal (tmux) of its own, as the uid with no
/// passwd entry: the TUI path, which a test without a terminal never reaches.
struct Screen {
    socket: String,
}

impl Screen {
    fn start(home: &Path, db: &Path) -> Screen {
        let screen = Screen {
            socket: format!(
                "salestrack-identity-{}-{:?}",
                std::process::id(),
                Instant::now()
            ),
        };
        let line = format!(
            "env -i PATH=/usr/bin:/bin HOME={h} XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config \
             SALESTRACK_NOW={now} LANG=C.UTF-8 TERM=xterm-256color \
             setpriv --reuid={NO_SUCH_UID} --regid={NO_SUCH_UID} --clear-groups \
             {bin} --db {db}; echo EXITED=$?; sleep 60",
            h = home.display(),
            now = crate::common::NOW,
            bin = env!("CARGO_BIN_EXE_salestrack"),
            db = db.display(),
        );
        let out = screen.tmux(&[
            "new-session",
            "-d",
            "-s",
            "s",
            "-x",
            "200",
            "-y",
            "24",
            &line,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        screen
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap()
    }

    /// Waits until the screen shows `text`; returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let out = self.tmux(&["capture-pane", "-p", "-t", "s"]);
            let screen = String::from_utf8_lossy(&out.stdout).into_owned();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "waited for {text:?}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

fn chmod_world(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o777 } else { 0o666 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            chmod_world(&e.unwrap().path());
        }
    }
}

#[test]
fn without_passwd_entry_the_program_creates_no_database_and_opens_one_read_only() {
    if let Some(why) = cannot_run_as_nobody() {
        eprintln!("skipped: {why}");
        return;
    }
    let env = crate::common::Env::new();
    chmod_world(env.dir.path());
    let missing = env.dir.path().join("new.db");
    let screen = Screen::start(env.dir.path(), &missing);
    let ended = screen.wait_for("EXITED=");
    assert!(ended.contains("EXITED=1"), "refused:\n{ended}");
    assert!(ended.contains("passwd"), "the rule is named:\n{ended}");
    assert!(!suggests_adding_a_rep(&ended), "{ended}");
    assert!(!missing.exists(), "no database file was created");
    drop(screen);

    env.init();
    env.run(&["customer", "add", "--name", "Acme Ltd"]);
    chmod_world(env.dir.path());
    let before = crate::common::dump(&env.db(), &[]);
    let screen = Screen::start(env.dir.path(), &env.db());
    let shown = screen.wait_for("passwd");
    // It opens (read-only) and shows nothing: a login that is not a rep sees no customer.
    assert!(
        !shown.contains("Acme Ltd") && shown.contains("No customers"),
        "the customers tab:\n{shown}"
    );
    assert!(!suggests_adding_a_rep(&shown), "{shown}");
    screen.tmux(&["send-keys", "-t", "s", "q"]);
    let ended = screen.wait_for("EXITED=");
    assert!(ended.contains("EXITED=0"), "{ended}");
    assert_eq!(
        crate::common::dump(&env.db(), &[]),
        before,
        "nothing written"
    );
}

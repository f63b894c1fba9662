//! The real binary in a real terminal: tmux runs it, sends keys, and reads the screen back.
//! CI installs tmux (`.ci/run`); without it these tests fail and say so.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_salestrack");
const NOW: &str = "2026-09-30T18:00:00+08:00";

/// A tmux server of its own (`-L`), so parallel tests and a user's tmux never meet.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, home: &Path, command: &str) -> Tmux {
        assert!(
            Command::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "these tests need tmux: install it (apt-get install tmux)"
        );
        let tmux = Tmux {
            socket: format!("salestrack-e2e-{name}-{}", std::process::id()),
        };
        let env = format!(
            "env -i PATH=/usr/bin:/bin HOME={h} XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config \
             SALESTRACK_NOW={NOW} LANG=C.UTF-8 TERM=xterm-256color",
            h = home.display()
        );
        // The shell line after the program prints how it ended, so the test can see it.
        let line = format!("{env} {command}; echo EXITED=$?; sleep 60");
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            "80",
            "-y",
            "24",
            &line,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "e2e", k]);
            // Esc followed at once by another key reads as Alt+key; people pause, so do we.
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Waits until the screen shows `text` (or fails with the screen it saw).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
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

    fn resize(&self, w: u16, h: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "e2e",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }
}

impl Tmux {
    /// Asserts the program left the terminal as it found it: the normal screen, no mouse
    /// reporting, the cursor shown.
    fn assert_restored(&self) {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            "e2e",
            "#{alternate_on} #{mouse_any_flag} #{cursor_flag}",
        ]);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "0 0 1",
            "alternate screen, mouse reporting, cursor shown"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn cli(home: &Path, db: &Path, args: &[&str]) {
    let out = Command::new(BIN)
        .env("HOME", home)
        .env("SALESTRACK_NOW", NOW)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn first_run_creates_the_default_database_and_offers_demo_data() {
    let home = tempfile::tempdir().unwrap();
    // A broken config does not stop the program: it starts on defaults and says so.
    let config = home.path().join("config/salestrack/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "currency = \"$\"\nclaim_limit = \"many\"\n").unwrap();
    let tmux = Tmux::start("first", home.path(), BIN);
    let screen = tmux.wait_for("demo data");
    assert!(screen.contains("new, empty database"), "{screen}");
    let db = home.path().join("data/salestrack/salestrack.db");
    assert!(db.exists(), "the default database is in the data directory");
    tmux.keys(&["y"]);
    let screen = tmux.wait_for("of 600");
    assert!(
        screen.contains("1 Customers") && screen.contains("Grade"),
        "{screen}"
    );
    assert!(
        screen.contains("config.toml, line 2"),
        "the config problem: {screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED=0");
    tmux.assert_restored();
}

#[test]
fn first_run_declining_demo_data_starts_empty() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start("decline", home.path(), BIN);
    tmux.wait_for("demo data");
    tmux.keys(&["n"]);
    let screen = tmux.wait_for("No customers match");
    assert!(
        screen.contains("1 Customers") && screen.contains("0 of 0"),
        "{screen}"
    );
    assert!(!screen.contains("demo data"), "the offer is gone: {screen}");
    // The OS user became the first manager of the new database.
    assert!(screen.contains("manager"), "{screen}");
    tmux.keys(&["C-c"]);
    tmux.wait_for("EXITED=0");
    tmux.assert_restored();
}

#[test]
fn tabs_help_resize_and_a_clean_quit() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("team.db");
    cli(home.path(), &db, &["init"]);
    cli(
        home.path(),
        &db,
        &["rep", "add", "--name", "张伟", "--login", "zhang.wei"],
    );
    cli(
        home.path(),
        &db,
        &[
            "customer",
            "add",
            "--name",
            "华为技术有限公司",
            "--owner",
            "zhang.wei",
        ],
    );
    cli(
        home.path(),
        &db,
        &["customer", "add", "--name", "Acme Ltd", "--grade", "A"],
    );
    cli(
        home.path(),
        &db,
        &[
            "visit",
            "add",
            "--customer",
            "Acme Ltd",
            "--summary",
            "Met the buyer",
        ],
    );
    let tmux = Tmux::start("tour", home.path(), &format!("{BIN} --db {}", db.display()));

    let screen = tmux.wait_for("1 of 2");
    assert!(
        screen.contains("华为技术有限公司") && screen.contains("Acme Ltd"),
        "{screen}"
    );
    assert!(
        screen.contains("team.db") && screen.contains("manager"),
        "status line: {screen}"
    );

    tmux.keys(&["2"]);
    let screen = tmux.wait_for("Met the buyer");
    assert!(screen.contains("Summary"), "{screen}");

    tmux.keys(&["?"]);
    let screen = tmux.wait_for("Keys — Visits");
    assert!(
        screen.contains("Ctrl-C") && screen.contains("filter as you type"),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("Met the buyer");
    assert!(!screen.contains("Keys —"), "help closed: {screen}");

    // Typing Chinese into the filter narrows the archive as you type.
    tmux.keys(&["1", "/", "华为"]);
    let screen = tmux.wait_for("1 of 1");
    assert!(
        screen.contains("华为技术有限公司") && !screen.contains("Acme Ltd"),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("1 of 2");
    tmux.keys(&["/", "acme"]);
    tmux.wait_for("1 of 1");

    tmux.resize(40, 10);
    let screen = tmux.wait_for("Acme");
    assert!(
        screen
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40),
        "{screen}"
    );
    tmux.resize(10, 3);
    tmux.wait_for("Window");
    tmux.resize(80, 24);
    tmux.wait_for("Last visit");

    tmux.keys(&["Enter", "q"]);
    let screen = tmux.wait_for("EXITED=0");
    // The terminal is back to the shell: no tab bar left on the normal screen.
    assert!(!screen.contains("1 Customers"), "{screen}");
    tmux.assert_restored();
}

#[test]
fn with_pool_rules_on_opening_the_screens_sweeps_the_pool() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("pool.db");
    cli(home.path(), &db, &["init"]);
    cli(
        home.path(),
        &db,
        &["rep", "add", "--name", "Ann", "--login", "ann"],
    );
    // Given to ann in February: the countdown starts at the later of that and her visits.
    for name in ["Stale Co", "Fresh Co"] {
        let out = Command::new(BIN)
            .env("HOME", home.path())
            .env("SALESTRACK_NOW", "2026-02-01T10:00:00+08:00")
            .arg("--db")
            .arg(&db)
            .args(["customer", "add", "--name", name, "--owner", "ann"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for (c, date) in [("Stale Co", "2026-05-01"), ("Fresh Co", "2026-09-20")] {
        cli(
            home.path(),
            &db,
            &[
                "--as",
                "ann",
                "visit",
                "add",
                "--customer",
                c,
                "--summary",
                "x",
                "--date",
                date,
            ],
        );
    }
    cli(
        home.path(),
        &db,
        &["settings", "set", "pool.enabled", "true"],
    );
    cli(
        home.path(),
        &db,
        &["settings", "set", "pool.days_without_visit", "90"],
    );
    let tmux = Tmux::start(
        "sweep",
        home.path(),
        &format!("{BIN} --db {}", db.display()),
    );
    // The status line says so.
    let screen = tmux.wait_for("1 customers went back to the pool");
    let stale = screen.lines().find(|l| l.contains("Stale Co")).unwrap();
    assert!(stale.contains("pool"), "{stale}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED=0");
}

#[test]
fn a_visit_is_logged_end_to_end() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("log.db");
    cli(home.path(), &db, &["init"]);
    cli(
        home.path(),
        &db,
        &[
            "customer",
            "add",
            "--name",
            "华为技术有限公司",
            "--grade",
            "A",
        ],
    );
    cli(home.path(), &db, &["customer", "add", "--name", "Acme Ltd"]);
    let tmux = Tmux::start(
        "visit",
        home.path(),
        &format!("{BIN} --db {}", db.display()),
    );
    tmux.wait_for("1 of 2");
    // Visits tab, quick add: a few letters of the customer, Enter, the summary, Ctrl-S.
    tmux.keys(&["2", "a", "华为"]);
    let screen = tmux.wait_for("华为技术有限公司  (pool)");
    assert!(screen.contains("Log a visit"), "{screen}");
    tmux.keys(&["Enter", "演示了新产品线", "C-s"]);
    let screen = tmux.wait_for("演示了新产品线");
    assert!(
        screen.contains("1 of 1") && screen.contains("Saved."),
        "{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED=0");
    // The CLI sees it, with today's date (SALESTRACK_NOW) and the customer's last contact.
    let out = Command::new(BIN)
        .env("HOME", home.path())
        .env("SALESTRACK_NOW", NOW)
        .args(["--db", db.to_str().unwrap(), "visit", "list", "--json"])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["customer_name"], "华为技术有限公司");
    assert_eq!(list[0]["summary"], "演示了新产品线");
    assert_eq!(list[0]["date"], "2026-09-30");
}

#[test]
fn a_target_is_set_and_split_end_to_end() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("targets.db");
    cli(home.path(), &db, &["init"]);
    cli(
        home.path(),
        &db,
        &["rep", "add", "--name", "张伟", "--login", "zhang.wei"],
    );
    let tmux = Tmux::start(
        "targets",
        home.path(),
        &format!("{BIN} --db {}", db.display()),
    );
    tmux.wait_for("1 Customers");
    // Targets tab, 2027 (not started yet, so no reason is asked), the team's Q1.
    tmux.keys(&["4", "]"]);
    tmux.wait_for("sales · 2027 · quarters");
    tmux.keys(&["s", "12000", "C-s"]);
    let screen = tmux.wait_for("0/12k");
    assert!(screen.contains("Saved."), "{screen}");
    // Split it into months: the parts show before saving, then the grid has them.
    tmux.keys(&["x"]);
    let screen = tmux.wait_for("2027-03");
    assert!(screen.contains("sales 2027-01: ¥4,000.00"), "{screen}");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved.");
    tmux.keys(&["t"]);
    tmux.wait_for("sales · 2027 · months");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED=0");
    let out = Command::new(BIN)
        .env("HOME", home.path())
        .env("SALESTRACK_NOW", NOW)
        .args([
            "--db",
            db.to_str().unwrap(),
            "target",
            "show",
            "--period",
            "2027-02",
            "--json",
        ])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["value"].as_f64(), Some(4000.0));
}

#[test]
fn two_tuis_on_one_file_see_each_others_visits_within_two_seconds() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("shared.db");
    cli(home.path(), &db, &["init", "--shared"]);
    cli(
        home.path(),
        &db,
        &["customer", "add", "--name", "华为技术有限公司"],
    );
    let command = format!("{BIN} --db {}", db.display());
    let writer = Tmux::start("two-a", home.path(), &command);
    let reader = Tmux::start("two-b", home.path(), &command);
    writer.wait_for("1 of 1");
    reader.wait_for("1 of 1");
    reader.keys(&["2"]);
    reader.wait_for("0 of 0");
    writer.keys(&["2", "a", "华为"]);
    writer.wait_for("华为技术有限公司  (pool)");
    writer.keys(&["Enter", "另一个会话写的", "C-s"]);
    writer.wait_for("Saved.");
    // The other session notices the write (PRAGMA data_version on its tick) and redraws.
    let seen = Instant::now();
    let screen = reader.wait_for("另一个会话写的");
    assert!(
        seen.elapsed() < Duration::from_secs(2),
        "shown after {:?}",
        seen.elapsed()
    );
    assert!(screen.contains("1 of 1"), "{screen}");
    writer.keys(&["q"]);
    reader.keys(&["q"]);
    writer.wait_for("EXITED=0");
    reader.wait_for("EXITED=0");
}

impl Tmux {
    /// Pastes `text` as a terminal does: inside bracketed-paste marks when the program asked
    /// for them, else as typed characters (each newline an Enter).
    fn paste(&self, text: &str, dir: &Path) {
        let file = dir.join("paste.txt");
        std::fs::write(&file, text).unwrap();
        let out = self.run(&["load-buffer", "-b", "p", file.to_str().unwrap()]);
        assert!(out.status.success(), "{out:?}");
        let out = self.run(&["paste-buffer", "-p", "-b", "p", "-t", "e2e"]);
        assert!(out.status.success(), "{out:?}");
    }
}

#[test]
fn a_paste_is_text_never_keys_and_a_megabyte_is_taken_at_once() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("paste.db");
    cli(home.path(), &db, &["init"]);
    cli(home.path(), &db, &["customer", "add", "--name", "Acme Ltd"]);
    cli(home.path(), &db, &["customer", "add", "--name", "Beta Co"]);
    let tmux = Tmux::start(
        "paste",
        home.path(),
        &format!("{BIN} --db {}", db.display()),
    );
    tmux.wait_for("1 of 2");
    // On the list, `d` `y` in pasted text would delete the selected customer.
    tmux.paste("hello\ndy\n", home.path());
    let screen = tmux.wait_for("paste goes into a text field");
    assert!(screen.contains("of 2"), "{screen}");
    // Into a form: one line, and the form stays open (a pasted newline is not Enter).
    tmux.keys(&["a"]);
    tmux.wait_for("Name");
    tmux.paste("Paste Co\nsecond line\n", home.path());
    let screen = tmux.wait_for("Paste Co second line");
    assert!(!screen.contains("Saved"), "{screen}");
    // The terminal's own cursor is where typing goes, after Chinese too (two columns each),
    // so an input method's window opens there.
    tmux.keys(&["华为"]);
    let screen = tmux.wait_for("second line 华为▏");
    let (x, y) = screen
        .lines()
        .enumerate()
        .find_map(|(y, l)| Some((unicode_width::UnicodeWidthStr::width(&l[..l.find('▏')?]), y)))
        .unwrap();
    let out = tmux.run(&[
        "display-message",
        "-p",
        "-t",
        "e2e",
        "#{cursor_flag} #{cursor_x} #{cursor_y}",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("1 {x} {y}"),
        "{screen}"
    );
    // A megabyte: taken within a moment, cut at the field's length, and said.
    let start = Instant::now();
    tmux.paste(&"x".repeat(1 << 20), home.path());
    tmux.wait_for("cut at 2000");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // What was pasted is thrown away only once Esc has asked.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Discard it?");
    tmux.keys(&["y"]);
    tmux.wait_for("1 of 2");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED=0");
    let out = Command::new(BIN)
        .env("HOME", home.path())
        .env("SALESTRACK_NOW", NOW)
        .args(["--db", db.to_str().unwrap(), "customer", "list", "--json"])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 2, "nothing deleted, nothing saved by a paste");
}

/// Long CLI work says it is working on a terminal: `demo` at a size that takes seconds shows
/// "Writing demo data…" with the time gone, and when it ends the line is gone and only its
/// summary is left. (Off a terminal nothing of it is printed: the CLI tests compare stderr.)
#[test]
fn long_cli_work_shows_progress_on_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("p.db");
    let command = format!(
        "{BIN} --db {} demo --reps 10 --customers 8000 --visits 80000 --deals 16000",
        db.display()
    );
    let tmux = Tmux::start("progress", home.path(), &command);
    let during = tmux.wait_for("Writing demo data…");
    assert!(during.contains("Writing demo data…"), "{during}");
    let after = tmux.wait_for("EXITED=0");
    assert!(after.contains("demo data written"), "{after}");
    assert!(
        !after.contains("Writing demo data…"),
        "the line is cleared:\n{after}"
    );
}

/// The agenda works from the keyboard: 30 customers due scroll past the screen's end, `Enter`
/// opens one, and run mode logs a call per key, setting the next follow-up from the grade's
/// cadence or from a typed date. Then the same in Chinese.
#[test]
fn the_agenda_scrolls_opens_and_runs_through_the_day() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("agenda.db");
    cli(home.path(), &db, &["init"]);
    let me = whoami::username();
    for i in 1..=30 {
        let name = format!("Due Co {i:02}");
        let next = format!("2026-09-{:02}", i.min(29));
        cli(
            home.path(),
            &db,
            &[
                "customer", "add", "--name", &name, "--grade", "A", "--owner", &me, "--next", &next,
            ],
        );
    }
    let tmux = Tmux::start(
        "agenda",
        home.path(),
        &format!("{BIN} --db {}", db.display()),
    );
    tmux.wait_for("of 30");
    tmux.keys(&["2", "o"]);
    let screen = tmux.wait_for("Agenda: 30");
    assert!(screen.contains("› overdue"), "{screen}");
    assert!(!screen.contains("Due Co 30"), "below the screen: {screen}");
    // The last row scrolls into view and is selected.
    tmux.keys(&["G"]);
    let screen = tmux.wait_for("Due Co 30");
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with('›') && l.contains("Due Co 30")),
        "{screen}"
    );
    // Enter opens it on the Customers tab.
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("next follow-up");
    assert!(screen.contains("Due Co 30"), "{screen}");
    // Back to the agenda (still open, as it was left), from the top, in run mode.
    tmux.keys(&["2", "g", "r"]);
    let screen = tmux.wait_for("Run 1/30");
    assert!(
        screen.contains("Due Co 01 (A)") && screen.contains("r reached"),
        "{screen}"
    );
    // Reached: logged, next follow-up by grade A's cadence (7 days); the next card shows.
    tmux.keys(&["r"]);
    tmux.wait_for("Run 1/29 · 1 logged");
    // A typed date, then a meeting set.
    tmux.keys(&["d", "2026-10-20", "C-s"]);
    tmux.wait_for("Next follow-up: 2026-10-20");
    tmux.keys(&["m"]);
    tmux.wait_for("Run 1/28 · 2 logged");
    tmux.keys(&["s"]);
    tmux.wait_for("Run 2/28");
    tmux.keys(&["Escape", "Escape", "q"]);
    tmux.wait_for("EXITED=0");
    let out = Command::new(BIN)
        .env("HOME", home.path())
        .env("SALESTRACK_NOW", NOW)
        .args(["--db", db.to_str().unwrap(), "customer", "list", "--json"])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let next = |name: &str| {
        list.iter().find(|c| c["name"] == name).unwrap()["next_follow_up"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(next("Due Co 01"), "2026-10-07", "reached: A's 7 days");
    assert_eq!(next("Due Co 02"), "2026-10-20", "the typed date");
    assert_eq!(next("Due Co 03"), "2026-09-03", "skipped: unchanged");

    // 中文：同样的日程与逐个处理。
    let tmux = Tmux::start(
        "agenda-zh",
        home.path(),
        &format!("{BIN} --lang zh --db {}", db.display()),
    );
    tmux.wait_for("30");
    tmux.keys(&["2", "o"]);
    let screen = tmux.wait_for("日程：28 个");
    assert!(screen.contains("逾期"), "{screen}");
    tmux.keys(&["r"]);
    let screen = tmux.wait_for("逐个处理 1/28");
    assert!(
        screen.contains("r 已联系") && screen.contains("联系人"),
        "{screen}"
    );
    tmux.keys(&["n"]);
    tmux.wait_for("已记录 1");
    tmux.keys(&["Escape", "Escape", "q"]);
    tmux.wait_for("EXITED=0");
}

/// The People tab, as a manager uses it: a rep moved to another team from a date, then
/// leaving and coming back, each in the audit log; in English and in Chinese.
#[test]
fn the_people_screen_moves_a_rep_and_brings_one_back() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("people.db");
    cli(home.path(), &db, &["init"]);
    cli(
        home.path(),
        &db,
        &[
            "rep",
            "add",
            "--name",
            "Ann Lee",
            "--login",
            "ann",
            "--team",
            "east",
            "--joined",
            "2026-01-05",
        ],
    );
    let tmux = Tmux::start(
        "people",
        home.path(),
        &format!("{BIN} --db {}", db.display()),
    );
    tmux.wait_for("6 People");
    tmux.keys(&["6"]);
    let screen = tmux.wait_for("People: 2");
    assert!(
        screen.contains("›east") && screen.contains("ann"),
        "{screen}"
    );
    // e: the team field, then the day the move counts from.
    tmux.keys(&[
        "e",
        "Tab",
        "Tab",
        "Tab",
        "Tab",
        "C-u",
        "west",
        "Tab",
        "C-u",
        "2026-08-03",
    ]);
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("Saved.");
    assert!(screen.contains("›west"), "{screen}");
    // l: ann leaves today; with nobody named, her customers go back to the pool.
    tmux.keys(&["l"]);
    tmux.wait_for("A rep leaves");
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("2026-09-30 ");
    assert!(screen.contains("›west"), "{screen}");
    // u: the audit log names the move.
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("Audit log");
    assert!(
        screen.contains("ann: east → west from 2026-08") && screen.contains("rep.leave"),
        "{screen}"
    );
    tmux.keys(&["Escape", "q"]);
    tmux.wait_for("EXITED=0");

    // 中文：重新入职要在离职之后，今天离职的人今天回不来，拒绝时说明规则。
    let tmux = Tmux::start(
        "people-zh",
        home.path(),
        &format!("{BIN} --lang zh --db {}", db.display()),
    );
    tmux.wait_for("6 人员");
    tmux.keys(&["6"]);
    tmux.wait_for("人员：2 人");
    // The first row is root, who has not left: the refusal says so before asking anything.
    tmux.keys(&["r"]);
    tmux.wait_for("root 没有离职");
    tmux.keys(&["j", "r"]);
    tmux.wait_for("ann 于 2026-09-30 重新入职");
    tmux.keys(&["y"]);
    let screen = tmux.wait_for("重新入职日期须在此之后");
    assert!(screen.contains("›west"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED=0");
}

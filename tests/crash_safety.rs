//! Crash safety (issue 10): the binary is killed (SIGKILL) at several moments in the middle
//! of an import, a handover and a split; each time the file passes `PRAGMA integrity_check`
//! and the operation is all or nothing.

#[path = "it/common/mod.rs"]
mod common;

use std::time::Duration;

use common::Env;
use rusqlite::Connection;

fn integrity(env: &Env) {
    let conn = Connection::open(env.db()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

fn count(env: &Env, sql: &str) -> i64 {
    Connection::open(env.db())
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// Starts `args`, kills it after `ms` (if still running); true when it finished first.
fn kill_after(env: &Env, args: &[&str], ms: u64) -> bool {
    let home = env.dir.path();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_salestrack"))
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SALESTRACK_NOW", common::NOW)
        .env("LANG", "C.UTF-8")
        .arg("--db")
        .arg(env.db())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(ms));
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill(); // SIGKILL on Unix
    child.wait().unwrap();
    finished
}

fn big_csv(env: &Env, rows: usize, owner: &str) -> std::path::PathBuf {
    let path = env.dir.path().join(format!("big-{owner}.csv"));
    let mut text = String::from("客户名称,等级,负责人,备注\n");
    for i in 0..rows {
        text.push_str(&format!("客户{owner}{i:06},B,{owner},批量导入\n"));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_import_killed_midway_is_all_or_nothing() {
    let env = Env::new();
    env.init();
    let csv = big_csv(&env, 30_000, "ann");
    let mut outcomes = Vec::new();
    for ms in [50, 300, 700, 1100, 1500, 2000, 3000, 6000] {
        let before = count(&env, "SELECT count(*) FROM customers");
        let finished = kill_after(&env, &["customer", "import", csv.to_str().unwrap()], ms);
        integrity(&env);
        let after = count(&env, "SELECT count(*) FROM customers");
        assert!(
            after == before || after == before + 30_000,
            "{before} → {after}"
        );
        outcomes.push((ms, finished, after - before));
        if after > before {
            break; // imported: a second run would only report duplicates
        }
    }
    eprintln!("import kills (ms, finished, rows added): {outcomes:?}");
}

#[test]
fn a_handover_killed_midway_is_all_or_nothing() {
    let env = Env::new();
    env.init();
    let csv = big_csv(&env, 20_000, "ann");
    env.run(&["customer", "import", csv.to_str().unwrap()]);
    let anns =
        "SELECT count(*) FROM customers c JOIN reps r ON r.id = c.owner_id WHERE r.login = 'ann'";
    for ms in [5, 30, 80, 160, 300, 600] {
        kill_after(&env, &["rep", "leave", "ann", "--to", "zhang.wei"], ms);
        integrity(&env);
        let left = count(&env, anns);
        let gone = count(
            &env,
            "SELECT count(*) FROM reps WHERE login = 'ann' AND left_on IS NOT NULL",
        );
        // Either nothing moved and ann is still here, or everything moved and ann has left.
        assert!(
            (left == 20_000 && gone == 0) || (left == 0 && gone == 1),
            "{ms} ms: {left} held, left={gone}"
        );
        let moves = count(
            &env,
            "SELECT count(*) FROM ownership_changes WHERE why = 'handover'",
        );
        assert!(
            moves == 0 || moves == 20_000,
            "history is whole too: {moves}"
        );
        if gone == 1 {
            return;
        }
    }
}

#[test]
fn a_split_killed_midway_is_all_or_nothing() {
    let env = Env::new();
    env.init();
    env.run(&[
        "target", "set", "--period", "2027", "--metric", "sales", "--value", "1200000", "--team",
        "sales",
    ]);
    for ms in [1, 3, 8, 15, 30, 60] {
        kill_after(
            &env,
            &[
                "target", "split", "--period", "2027", "--team", "sales", "--metric", "sales",
                "--into", "months", "--force",
            ],
            ms,
        );
        integrity(&env);
        let months = count(
            &env,
            "SELECT count(*) FROM targets WHERE scope = 'sales' AND period LIKE '2027-%' AND deleted_at IS NULL",
        );
        assert!(months == 0 || months == 12, "{ms} ms: {months} months");
        if months == 12 {
            let sum = count(
                &env,
                "SELECT sum(value) FROM targets WHERE scope = 'sales' AND period LIKE '2027-%' AND deleted_at IS NULL",
            );
            assert_eq!(sum, 120_000_000);
        }
    }
}

#[test]
fn a_sync_killed_midway_leaves_each_file_before_or_after() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    let laptop = common::laptop_with_visits(&server, 40_000);
    server.run(&["customer", "add", "--name", "Server Co"]);
    let pristine = |env: &Env| {
        let p = env.dir.path().join("pristine.db");
        std::fs::copy(env.db(), &p).unwrap();
        p
    };
    let (server_0, laptop_0) = (pristine(&server), pristine(&laptop));
    // The audit entry of a sync has a fresh id: compare the data without it.
    let data = |env: &Env| common::dump(&env.db(), &["audit"]);
    let (server_before, laptop_before) = (data(&server), data(&laptop));
    let target = laptop.db();
    let sync = ["sync", target.to_str().unwrap()];
    let started = std::time::Instant::now();
    server.run(&sync);
    let took = started.elapsed().as_millis() as u64;
    let after = data(&server);
    assert_eq!(data(&laptop), after);
    assert_ne!(after, server_before);

    // A sync writes in short batches (so it never locks others out for long): a kill leaves
    // each file intact, holding whole batches, and the next sync finishes the work.
    let mut seen = std::collections::BTreeSet::new();
    for ms in [
        took / 10,
        took / 4,
        took / 2,
        took * 3 / 4,
        took * 9 / 10,
        took * 2,
    ] {
        std::fs::copy(&server_0, server.db()).unwrap();
        std::fs::copy(&laptop_0, laptop.db()).unwrap();
        for env in [&server, &laptop] {
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", env.db().display()));
            }
        }
        kill_after(&server, &sync, ms.max(1));
        integrity(&server);
        integrity(&laptop);
        let state = |d: Vec<String>, before: &Vec<String>| {
            if &d == before {
                "before"
            } else if d == after {
                "after"
            } else {
                "part"
            }
        };
        seen.insert((
            state(data(&server), &server_before),
            state(data(&laptop), &laptop_before),
        ));
        server.run(&sync);
        assert_eq!(
            data(&server),
            after,
            "the server, synced again after a kill at {ms} ms"
        );
        assert_eq!(
            data(&laptop),
            after,
            "the laptop, synced again after a kill at {ms} ms"
        );
    }
    assert!(seen.contains(&("after", "after")), "{seen:?} ({took} ms)");
    eprintln!("sync of 40 000 visits took {took} ms; states seen: {seen:?}");
}

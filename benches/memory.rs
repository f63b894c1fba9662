//! the performance budgets (benches/README.md) budget: peak memory while browsing ≤ 64 MB. The release TUI runs on the reference
//! set in tmux; keys visit every tab (top and bottom of each list, a page down, a detail,
//! sorts, quick filters, a Chinese filter, period steps); then the process's high-water mark
//! (VmHWM in /proc) is read before it quits. Not a criterion bench: one figure, printed.

#[path = "reference.rs"]
mod reference;

use std::process::Command;
use std::time::Duration;

const SOCKET: &str = "salestrack-bench-memory";

fn tmux(args: &[&str]) -> String {
    let out = Command::new("tmux")
        .args(["-L", SOCKET])
        .args(args)
        .output()
        .expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn keys(list: &[&str]) {
    for k in list {
        tmux(&["send-keys", "-t", "m", k]);
        // Esc alone, then a pause, so the next key is not read as Alt+key.
        std::thread::sleep(Duration::from_millis(if *k == "Escape" {
            400
        } else {
            150
        }));
    }
}

fn vm_hwm_kb(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

fn main() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("memory: skipped, tmux is not installed");
        return;
    }
    let (db, _) = reference::reference_db_for_cli();
    let _ = Command::new("tmux")
        .args(["-L", SOCKET, "kill-server"])
        .output();
    let line = format!(
        "exec env SALESTRACK_NOW=2026-11-24T09:00:00+08:00 TERM=xterm-256color {} --db {}",
        env!("CARGO_BIN_EXE_salestrack"),
        db.display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-s",
        "m",
        "-x",
        "160",
        "-y",
        "45",
        &line,
    ]);
    std::thread::sleep(Duration::from_secs(2));
    let pid = tmux(&["list-panes", "-t", "m", "-F", "#{pane_pid}"])
        .trim()
        .to_string();
    // Customers: bottom, top, pages, a detail, every sort, the quick filters, a filter.
    keys(&["1", "G", "g", "PageDown", "PageDown", "Enter", "Escape"]);
    keys(&[
        "s", "s", "s", "s", "s", "s", "s", "f", "f", "f", "f", "f", "f",
    ]);
    keys(&["/", "成", "都", "Escape", "Escape"]);
    // Visits, the agenda, deals, targets by months and a metric, scorecards and a detail.
    keys(&["2", "G", "g", "PageDown", "Enter", "Escape", "o", "Escape"]);
    keys(&["3", "G", "g", "Enter", "Escape"]);
    keys(&["4", "t", "m", "m", "[", "]"]);
    keys(&["5", "[", "]", "G", "Enter", "Escape"]);
    std::thread::sleep(Duration::from_secs(1));
    let screen = tmux(&["capture-pane", "-p", "-t", "m"]);
    let kb = vm_hwm_kb(&pid);
    keys(&["q", "y"]);
    let _ = Command::new("tmux")
        .args(["-L", SOCKET, "kill-server"])
        .output();
    assert!(screen.lines().count() > 10, "the TUI drew:\n{screen}");
    println!(
        "peak memory browsing every tab of the reference set: {:.1} MB (VmHWM; budget 64 MB)",
        kb as f64 / 1024.0
    );
}

//! The shape of the code, checked: no module of `src/tui` or `src/store` imports another that
//! imports it back (directly or round a longer circle), and no tab names the shell (`App`):
//! a tab gets a `Ctx` and returns an `Effect` (docs/ARCHITECTURE.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `crate::tui::tabs::customers` for `src/tui/tabs/customers/mod.rs`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    std::iter::once("crate".to_string())
        .chain(parts)
        .collect::<Vec<_>>()
        .join("::")
}

/// Every `crate::…` path a file's non-test code names, with `use` groups expanded.
fn paths_named(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    for piece in flat.split("crate::").skip(1) {
        let mut path = String::from("crate");
        let mut rest = piece;
        loop {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                break;
            }
            path.push_str("::");
            path.push_str(&name);
            rest = &rest[name.len()..];
            if let Some(r) = rest.strip_prefix("::") {
                if let Some(group) = r.strip_prefix('{') {
                    // One level of a `use` group: each item off this path.
                    let inner = group.split('}').next().unwrap_or_default();
                    for item in inner.split(',') {
                        let item = item.trim().split("::").next().unwrap_or_default();
                        let item = item.split(' ').next().unwrap_or_default();
                        if !item.is_empty() && item != "self" {
                            out.push(format!("{path}::{item}"));
                        }
                    }
                    break;
                }
                rest = r;
            } else {
                break;
            }
        }
        out.push(path);
    }
    out
}

/// The module graph of `src/`: each module and the modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeMap<String, PathBuf> =
        files.iter().map(|f| (module_of(f), f.clone())).collect();
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|m| modules.contains_key(m))
    };
    modules
        .iter()
        .map(|(m, file)| {
            let text = std::fs::read_to_string(file).unwrap();
            let named = paths_named(&text)
                .iter()
                .filter_map(|p| resolve(p))
                .filter(|n| n != m)
                .collect();
            (m.clone(), named)
        })
        .collect()
}

/// A circle of imports among the modules under `prefix`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, prefix: &str) -> Option<Vec<String>> {
    let inside = |m: &String| m == prefix || m.starts_with(&format!("{prefix}::"));
    // Depth-first, with the path kept: a module met again on the path closes a circle.
    fn walk(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        inside: &dyn Fn(&String) -> bool,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut c = path[i..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten().filter(|n| inside(n)) {
            if let Some(c) = walk(next, graph, inside, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys().filter(|m| inside(m)) {
        if let Some(c) = walk(m, graph, &inside, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_import_circle_in_the_tui_or_the_store() {
    let g = graph();
    assert!(
        g.contains_key("crate::tui::tabs::customers"),
        "{:?}",
        g.keys()
    );
    for prefix in ["crate::tui", "crate::store"] {
        assert_eq!(circle(&g, prefix), None, "an import circle in {prefix}");
    }
}

#[test]
fn the_check_finds_a_circle_when_there_is_one() {
    let mut g = graph();
    g.get_mut("crate::tui::widgets::layout")
        .unwrap()
        .insert("crate::tui::app".to_string());
    let c = circle(&g, "crate::tui").expect("app → … → widgets::layout → app");
    assert!(c.contains(&"crate::tui::app".to_string()), "{c:?}");
}

#[test]
fn no_tab_names_the_shell() {
    let mut files = Vec::new();
    rust_files(&src().join("tui/tabs"), &mut files);
    assert!(files.len() >= 25, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let names_app = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == "App" || w == "app");
        assert!(!names_app, "{} names the shell", f.display());
    }
}

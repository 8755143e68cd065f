//! Tidy checks on the source tree: the domain stays pure, no floating point in rules, every module says what it
//! owns, and no markup is injected from text.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(n, l)| (n + 1, l))
}

fn has_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        boundary(before) && boundary(after)
    })
}

#[test]
fn the_domain_names_no_browser_crate_and_no_floating_point() {
    let mut offences = Vec::new();
    for file in rust_files(Path::new("src/domain")) {
        let text = fs::read_to_string(&file).unwrap();
        for (line_no, line) in code_lines(&text) {
            for word in [
                "leptos",
                "web_sys",
                "js_sys",
                "wasm_bindgen",
                "gloo",
                "f32",
                "f64",
            ] {
                if has_word(line, word) {
                    offences.push(format!("{}:{line_no}: {word}", file.display()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "src/domain must stay pure:\n{}",
        offences.join("\n")
    );
}

#[test]
fn every_module_opens_with_a_doc_comment() {
    let missing: Vec<String> = rust_files(Path::new("src"))
        .into_iter()
        .filter(|f| {
            !fs::read_to_string(f)
                .unwrap()
                .trim_start()
                .starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a //! header: {missing:?}"
    );
}

#[test]
fn no_markup_is_injected_from_text() {
    let offences: Vec<String> = rust_files(Path::new("src"))
        .into_iter()
        .filter(|f| {
            fs::read_to_string(f)
                .unwrap()
                .contains(concat!("inner", "_html"))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offences.is_empty(),
        "text must be shown as text (R10.3): {offences:?}"
    );
}

#[test]
fn the_checker_itself_catches_a_browser_name() {
    assert!(has_word("use leptos::prelude::*;", "leptos"));
    assert!(has_word("let x: f64 = 1.0;", "f64"));
    assert!(!has_word("let leptos_like = 1;", "leptos"));
}

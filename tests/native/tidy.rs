//! Tidy checks on the source tree: the domain stays pure, no floating point in rules, each module names only the
//! modules it is allowed to, every module says what it owns, no markup is injected from text, and a link to another
//! page leaves the router.

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

/// The crate's modules each may name (`crate::x`): the dependencies as they stand, so a new one fails here until it
/// is added on purpose. `ui` and the pages' binaries may name any. Not yet one way: the store names `sync` (the
/// import's write), `jobs` (the worker's requests) and `platform` (timing), each of which names the store back.
const MAY_NAME: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("codec", &["domain"]),
    ("qr", &[]),
    ("export", &["codec"]),
    ("platform_csv", &["codec"]),
    ("demo", &["domain", "i18n"]),
    ("sync", &["codec", "domain", "store"]),
    ("store", &["codec", "domain", "jobs", "platform", "sync"]),
    (
        "jobs",
        &[
            "codec",
            "demo",
            "domain",
            "export",
            "platform_csv",
            "qr",
            "store",
            "sync",
        ],
    ),
    ("platform", &["codec", "domain", "store"]),
    (
        "i18n",
        &["domain", "export", "platform_csv", "store", "sync"],
    ),
    ("ui", &["*"]),
];

/// The top modules named as `crate::x` in `text`, comments left out.
fn crate_modules_named(text: &str) -> Vec<(usize, String)> {
    let mut named = Vec::new();
    for (line_no, line) in code_lines(text) {
        for (at, _) in line.match_indices("crate::") {
            let name: String = line[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            named.push((line_no, name));
        }
    }
    named
}

#[test]
fn each_module_names_only_the_modules_it_may() {
    let lib = fs::read_to_string("src/lib.rs").unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let listed: Vec<&str> = MAY_NAME.iter().map(|(m, _)| *m).collect();
    for module in &declared {
        assert!(
            listed.contains(module),
            "src/lib.rs declares `{module}`: add it to MAY_NAME"
        );
    }
    let mut offences = Vec::new();
    for (module, may) in MAY_NAME {
        let dir = Path::new("src").join(module);
        let files = match dir.is_dir() {
            true => rust_files(&dir),
            false => vec![Path::new("src").join(format!("{module}.rs"))],
        };
        for file in files {
            let text = fs::read_to_string(&file).unwrap();
            for (line_no, name) in crate_modules_named(&text) {
                if name != *module && !may.contains(&name.as_str()) && !may.contains(&"*") {
                    offences.push(format!(
                        "{}:{line_no}: {module} names {name}",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "a module names one it may not (tests/native/tidy.rs, MAY_NAME):\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_module_check_catches_a_module_named() {
    let named = crate_modules_named(
        "use crate::store::Store;\n// crate::ui in a comment\nlet x = crate::ui::x();",
    );
    assert_eq!(named, vec![(1, "store".to_string()), (3, "ui".to_string())]);
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

/// Chinese or full-width punctuation (a CJK ideograph, "，。：（）" and the like).
fn is_cjk_or_full_width(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Every text a screen shows comes from the catalogue (`src/i18n`): no Chinese and no full-width punctuation in the
/// code of `src/ui` (comments may hold them), so an English user never meets a stray "：" or "（…）".
#[test]
fn the_screens_hold_no_chinese_text_of_their_own() {
    let mut offences = Vec::new();
    for file in rust_files(Path::new("src/ui")) {
        let text = fs::read_to_string(&file).unwrap();
        for (line_no, line) in code_lines(&text) {
            let code = line.split(" //").next().unwrap_or_default();
            if code.chars().any(is_cjk_or_full_width) {
                offences.push(format!("{}:{line_no}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "text for the catalogue (src/i18n), not the screen:\n{}",
        offences.join("\n")
    );
    assert!(is_cjk_or_full_width('：') && is_cjk_or_full_width('工') && !is_cjk_or_full_width('·'));
}

/// Every text of the catalogue is used somewhere as `Key::Name`: one no screen shows is dead weight that a
/// translator still keeps up.
#[test]
fn every_catalogue_text_is_used() {
    let catalogue = fs::read_to_string("src/i18n/mod.rs").unwrap();
    let keys: Vec<&str> = catalogue
        .lines()
        .filter_map(|line| {
            let (name, rest) = line.strip_prefix("    ")?.split_once(" => \"")?;
            (name.chars().all(|c| c.is_ascii_alphanumeric()) && !rest.is_empty()).then_some(name)
        })
        .collect();
    assert!(
        keys.len() > 500,
        "the catalogue's keys are found: {}",
        keys.len()
    );
    let source: String = rust_files(Path::new("src"))
        .iter()
        .map(|file| fs::read_to_string(file).unwrap())
        .collect();
    let unused: Vec<&str> = keys
        .into_iter()
        .filter(|key| !has_word(&source, &format!("Key::{key}")))
        .collect();
    assert!(
        unused.is_empty(),
        "catalogue texts nothing uses: {unused:?}"
    );
}

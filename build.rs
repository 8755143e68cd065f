//! Names the code that derives the KPI facts: a hash of `src/domain` and `src/codec`, so facts kept with the data by
//! one build are never trusted by a build whose rules or encoding differ (`store::derived`). FNV-1a over the files'
//! paths and contents, in path order: stable across machines and toolchains.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match path.is_dir() {
            true => files(&path, out),
            false => out.push(path),
        }
    }
}

fn main() {
    let mut paths = Vec::new();
    for dir in ["src/domain", "src/codec"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut paths);
    }
    // (The app's one-sort rule is for the shipped code's size; this runs at build time.)
    #[allow(clippy::disallowed_methods)]
    paths.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for path in &paths {
        feed(path.to_string_lossy().replace('\\', "/").as_bytes());
        feed(&std::fs::read(path).unwrap_or_default());
    }
    println!("cargo:rustc-env=AFTERSALES_DERIVATION={hash:016x}");
}

//! A static file server for `dist/` on 127.0.0.1 with the pages' fallback (any path without a file gets the page it
//! belongs to — assessment.html under /assessment, admin.html under the administration paths, else index.html — as a
//! deployment's host must do), precompressed when the browser accepts it and `make dist` wrote the copy (`.br`, else
//! `.gz`), as a host with nginx's `brotli_static` / `gzip_static` sends it. It can be stopped — the browser then finds no server at all, which is how the tests go
//! offline.

use std::io::{BufRead, BufReader, Write};

use aftersales::ui::areas::Area;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

pub struct StaticServer {
    pub port: u16,
    stopped: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        Self::start_on(root, 0)
    }

    /// Serves on a given port (0 = any free one). A restarted server reuses its port so the origin is the same.
    pub fn start_on(root: &Path, port: u16) -> StaticServer {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let stopped = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let flag = stopped.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let root = root.clone();
                    std::thread::spawn(move || serve(stream, &root));
                }
            }
        });
        StaticServer {
            port,
            stopped,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Stops accepting connections and closes the listening socket.
    pub fn stop(&mut self) {
        if self.stopped.swap(true, Ordering::SeqCst) {
            return;
        }
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut accepted = String::new();
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("accept-encoding")
                {
                    accepted = value.to_ascii_lowercase();
                }
            }
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = resolve(root, path);
    let encodings: Vec<&str> = accepted
        .split(',')
        .map(|part| part.split(';').next().unwrap_or("").trim())
        .collect();
    let compressed = [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(encoding, _)| encodings.contains(encoding))
        .find_map(|(encoding, suffix)| {
            let mut name = file.clone().into_os_string();
            name.push(format!(".{suffix}"));
            std::fs::read(&name).ok().map(|body| (encoding, body))
        });
    let (status, body, kind, encoding) = match compressed {
        Some((encoding, body)) => ("200 OK", body, content_type(&file), Some(encoding)),
        None => match std::fs::read(&file) {
            Ok(body) => ("200 OK", body, content_type(&file), None),
            Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain", None),
        },
    };
    let encoding = encoding
        .map(|e| format!("Content-Encoding: {e}\r\nVary: Accept-Encoding\r\n"))
        .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n{encoding}Content-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn resolve(root: &Path, path: &str) -> PathBuf {
    let relative = path.trim_start_matches('/');
    let candidate = root.join(relative);
    let safe = !relative.split('/').any(|part| part == "..");
    match safe && candidate.is_file() {
        true => candidate,
        // A route of the app: the page it belongs to (`Area::of_path`).
        false => root.join(Area::of_path(path).html()),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

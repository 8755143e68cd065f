// Writes a gzip (.gz: GNU gzip -9, as scripts/size.sh measures) and a brotli (.br, quality 11: Node's own zlib,
// nothing to install) copy beside each text and wasm file of dist/, as a host that serves precompressed files wants
// them (nginx `gzip_static` / `brotli_static`; `make serve` serves them too). A copy is written only where it is
// smaller than the file.
import { readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { execFileSync } from "node:child_process";

const dist = process.argv[2] ?? "dist";
const compressible = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/;

// Every file under `dir`, at any depth.
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const files = filesUnder(dist);
// Copies from an earlier build go first: written again below if their file is still here.
for (const path of files.filter((p) => p.endsWith(".gz") || p.endsWith(".br"))) unlinkSync(path);
for (const path of files.filter((p) => compressible.test(p))) {
  const bytes = readFileSync(path);
  const gz = execFileSync("gzip", ["-9", "-n", "-c", path], { maxBuffer: 1 << 30 });
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  if (gz.length < bytes.length) writeFileSync(path + ".gz", gz);
  if (br.length < bytes.length) writeFileSync(path + ".br", br);
}

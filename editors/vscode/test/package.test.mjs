// What the marketplace shows of the extension (icon, README, CHANGELOG,
// licence) is in the manifest and in the package, and the platform package
// script refuses a program built for another machine.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(path.join(extensionDir, "package.json"), "utf8"));
const ignore = readFileSync(path.join(extensionDir, ".vscodeignore"), "utf8").split("\n");

test("the icon is a square PNG of at least 128 pixels, and goes in the package", () => {
  const png = readFileSync(path.join(extensionDir, manifest.icon));
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.equal(width, height);
  assert.ok(width >= 128, `${width} pixels wide`);
  assert.ok(ignore.includes(`!${manifest.icon}`), ".vscodeignore lets the icon in");
});

test("the README, CHANGELOG and licence the marketplace shows go in the package", () => {
  for (const file of ["README.md", "CHANGELOG.md", "LICENSE.md"]) {
    assert.ok(readFileSync(path.join(extensionDir, file), "utf8").length > 200, `${file} says something`);
    assert.ok(ignore.includes(`!${file}`), `.vscodeignore lets ${file} in`);
  }
  assert.equal(manifest.license, "(MIT OR Apache-2.0)");
  assert.match(readFileSync(path.join(extensionDir, "LICENSE.md"), "utf8"), /Permission is hereby granted, free of charge/);
});

test("the platform package refuses a program that is not a Linux x86-64 one", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "clerk-package-test-"));
  const notElf = path.join(scratch, "clerk");
  writeFileSync(notElf, "#!/bin/sh\necho not clerk\n");
  const run = spawnSync(process.execPath, [path.join(extensionDir, "scripts/package-platform.mjs"), "linux-x64"], {
    env: { ...process.env, CLERK_BINARY: notElf },
    encoding: "utf8",
  });
  assert.equal(run.status, 1);
  assert.equal(
    run.stderr.trim(),
    `package-platform: ${notElf} is not a Linux x86-64 program: build clerk for x86_64-unknown-linux-gnu`,
  );
});

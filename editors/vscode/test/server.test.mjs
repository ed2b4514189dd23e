// Which clerk the extension runs (src/server.ts), compiled on the fly with
// esbuild: the user's setting, clerk on PATH, cargo's, and last the one a
// platform .vsix carries.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { transform } from "esbuild";

const source = await readFile(new URL("../src/server.ts", import.meta.url), "utf8");
const { code } = await transform(source, { loader: "ts", format: "esm" });
const { findServer } = await import(`data:text/javascript,${encodeURIComponent(code)}`);

const linux = {
  pathVariable: "/usr/local/bin:/usr/bin",
  platform: "linux",
  cargoBin: "/home/clerk/.cargo/bin",
  bundled: "/ext/clerk.clerk-minutes-0.1.0-linux-x64/server/clerk",
};
const only = (...present) => (file) => present.includes(file);

test("the bundled clerk is used when the setting is unset and none is installed", () => {
  assert.deepEqual(findServer("clerk", linux, only(linux.bundled)), { program: linux.bundled, from: "bundled" });
  assert.deepEqual(findServer("", linux, only(linux.bundled)), { program: linux.bundled, from: "bundled" });
});

test("an installed clerk comes before the bundled one: PATH, then cargo's", () => {
  assert.deepEqual(findServer("clerk", linux, only("/usr/bin/clerk", "/home/clerk/.cargo/bin/clerk", linux.bundled)), {
    program: "/usr/bin/clerk",
    from: "PATH",
  });
  assert.deepEqual(findServer("clerk", linux, only("/home/clerk/.cargo/bin/clerk", linux.bundled)), {
    program: "/home/clerk/.cargo/bin/clerk",
    from: "cargo",
  });
});

test("a program the user names is run, or reported missing, never swapped for the bundled one", () => {
  assert.deepEqual(findServer("/opt/clerk/clerk", linux, only("/opt/clerk/clerk", linux.bundled)), {
    program: "/opt/clerk/clerk",
    from: "setting",
  });
  assert.equal(findServer("/opt/clerk/clerk", linux, only(linux.bundled)), undefined);
  assert.equal(findServer("clerk-nightly", linux, only(linux.bundled)), undefined);
  assert.deepEqual(findServer("clerk-nightly", linux, only("/usr/local/bin/clerk-nightly")), {
    program: "/usr/local/bin/clerk-nightly",
    from: "setting",
  });
});

test("with no clerk anywhere and none bundled, nothing is run", () => {
  assert.equal(findServer("clerk", { ...linux, bundled: undefined }, only()), undefined);
});

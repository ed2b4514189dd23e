// What a folder's settings can and cannot make the extension do: the manifest
// keeps clerk.server.path to the user's own settings and says how Clerk
// behaves in an untrusted folder, and the extension reads only that value.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { transform } from "esbuild";

const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const source = await readFile(new URL("../src/settings.ts", import.meta.url), "utf8");
const { code } = await transform(source, { loader: "ts", format: "esm" });
const { serverPathFrom, checksFrom } = await import(`data:text/javascript,${encodeURIComponent(code)}`);

test("only the user's own settings can name the program", () => {
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties["clerk.server.path"].scope, "machine");
});

test("the manifest says how Clerk behaves in an untrusted folder", () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, "limited");
  assert.deepEqual(untrusted.restrictedConfigurations, ["clerk.server.path"]);
  assert.match(untrusted.description, /cannot choose which program runs/);
});

test("a folder's value is ignored, and said to be", () => {
  assert.deepEqual(serverPathFrom({ defaultValue: "clerk", workspaceValue: "/tmp/evil" }), {
    program: "clerk",
    ignoredFolderValue: true,
  });
  assert.deepEqual(serverPathFrom({ defaultValue: "clerk", globalValue: "/opt/clerk/bin/clerk", workspaceFolderValue: "./x" }), {
    program: "/opt/clerk/bin/clerk",
    ignoredFolderValue: true,
  });
  assert.deepEqual(serverPathFrom({ defaultValue: "clerk", globalValue: "/opt/clerk/bin/clerk" }), {
    program: "/opt/clerk/bin/clerk",
    ignoredFolderValue: false,
  });
  assert.deepEqual(serverPathFrom(undefined), { program: "clerk", ignoredFolderValue: false });
});

test("the checks settings reach the server as it reads them", () => {
  assert.deepEqual(checksFrom([], [], []), { ignore: [] });
  assert.deepEqual(checksFrom(["A001"], [], ["P001"]), { select: ["A001"], ignore: ["P001"] });
  // A check that ships off is switched on by extendSelect, beside the rest.
  assert.deepEqual(checksFrom([], ["K001"], []), { ignore: [], extendSelect: ["K001"] });
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties["clerk.checks.extendSelect"].type, "array");
});

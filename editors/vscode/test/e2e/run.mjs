// End-to-end test of the packaged extension in real VS Code (code-server,
// driven through Debian's Chromium by playwright-core):
//
//   1. installs clerk-minutes.vsix into a fresh code-server profile,
//   2. opens a folder holding tests/fixtures/editors/committee.minutes,
//   3. opens the file, and reads the Problems panel and the Outline view as
//      a user sees them,
//   4. saves a screenshot, and checks the findings and agenda items,
//   5. checks "Clerk: Show Output", then turns on clerk.attachToMarkdownAndText
//      and checks that a plain .md file is checked too, then sets
//      clerk.checks.ignore and checks that the ignored finding goes away.
//
// With the real server it then works as a clerk would, each step with its
// own screenshot beside FILE (FILE-completion.png and so on):
//
//   6. types "Ms " on a new line and reads the completion list, then "Jor"
//      and Enter, and checks that the first mention is written with the role,
//   7. hovers over DfE and reads the hover,
//   8. opens the quick-fix menu on DfE, reads it, chooses "Add DfE to the
//      glossary in clerk.toml", and checks that the finding goes and that
//      clerk.toml holds DfE.
//
// With a server path that does not exist, it checks instead that the user
// is told the program is missing and how to install it. With --server
// bundled (and --vsix naming a platform .vsix) no clerk.server.path is set
// and no clerk is on PATH or in ~/.cargo/bin: the extension must run the
// clerk it carries.
//
//   node test/e2e/run.mjs [--server stand-in|bundled|PATH-TO-CLERK] [--vsix FILE] [--screenshot FILE]
//
// Needs: npm run package (the .vsix), and code-server + playwright-core
// installed by shared/tools/install-code-server.sh into CLERK_CODE_SERVER_DIR
// (default: $TMPDIR/clerk-code-server). With --server stand-in (the default)
// the extension talks to tests/fixtures/editors/stand_in_server.py, which
// checks the extension's side whatever state the real server is in; with a
// path to a built clerk, the real findings are checked.

import assert from "node:assert/strict";
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (message) => console.log(`[${elapsed()}] ${message}`);

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, "../..");
const repoDir = path.resolve(extensionDir, "../..");
const fixturesDir = path.join(repoDir, "tests/fixtures/editors");

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const server = option("--server", "stand-in");
const screenshot = path.resolve(option("--screenshot", path.join(os.tmpdir(), "clerk-vscode-e2e.png")));
const vsix = path.resolve(option("--vsix", path.join(extensionDir, "clerk-minutes.vsix")));
const bundled = server === "bundled";
// The screenshot of one step, beside the main one.
const stepShot = (step) => screenshot.replace(/\.png$/, "") + `-${step}.png`;
const toolsDir = process.env.CLERK_CODE_SERVER_DIR ?? path.join(os.tmpdir(), "clerk-code-server");
const codeServer = path.join(toolsDir, "node_modules/.bin/code-server");
const limitMs = Number(process.env.CLERK_E2E_LIMIT_MS ?? 240_000);

// What a user must see. The stand-in's findings are fixed by its rules; the
// real server's are the three mistakes in committee.minutes.
const expected =
  server === "stand-in"
    ? [
        { code: "A001", line: 19, text: "DfE is never spelled out" },
        { code: "R001", line: 23, text: "These resolutions have no numbers" },
      ]
    : [
        { code: "P001", line: 19 },
        { code: "A001", line: 19 },
        { code: "R001", line: 23 },
      ];
const agendaItems = [
  "1. Apologies for absence",
  "2. Minutes of the last meeting",
  "3. Tree planting programme",
  "4. Date of next meeting",
];

for (const [what, file, fix] of [
  ["the extension package", vsix, "npm run package"],
  ["code-server", codeServer, "shared/tools/install-code-server.sh " + toolsDir],
]) {
  if (!existsSync(file)) {
    console.error(`missing ${what} (${file}): run ${fix}`);
    process.exit(2);
  }
}
const chromium = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
const require = createRequire(path.join(toolsDir, "package.json"));
const { chromium: playwright } = require("playwright-core");

const scratch = mkdtempSync(path.join(os.tmpdir(), "clerk-vscode-e2e-"));
const userData = path.join(scratch, "user-data");
const extensions = path.join(scratch, "extensions");
const workspace = path.join(scratch, "council");
mkdirSync(path.join(userData, "User"), { recursive: true });
mkdirSync(workspace, { recursive: true });
cpSync(path.join(fixturesDir, "committee.minutes"), path.join(workspace, "committee.minutes"));
// The register knows Ms Jordaan, whom the minutes have not named yet: the
// completion after "Ms " offers her first, with her role.
const settingsFile = path.join(workspace, "clerk.toml");
writeFileSync(
  settingsFile,
  '# settings for the end-to-end test\n\n[[people]]\nname = "Brigitte Jordaan"\nrole = "Operational Director"\naliases = ["Ms Jordaan"]\n',
);
cpSync(path.join(fixturesDir, "committee.minutes"), path.join(workspace, "notes.md"));
const serverPath =
  server === "stand-in" ? path.join(fixturesDir, "stand_in_server.py") : bundled ? undefined : path.resolve(server);
const serverMissing = serverPath !== undefined && !existsSync(serverPath);
// The folder's settings name a program that is not clerk, as a hostile
// repository could: the extension must run the user's own setting instead.
const folderServerPath = path.join(scratch, "not-clerk.sh");
writeFileSync(folderServerPath, "#!/bin/sh\ntouch \"$0.ran\"\n");
chmodSync(folderServerPath, 0o755);
function writeWorkspaceSettings(extra = {}) {
  const file = path.join(workspace, ".vscode/settings.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ "clerk.server.path": folderServerPath, ...extra }, null, 2));
}
writeWorkspaceSettings();
writeFileSync(
  path.join(userData, "User/settings.json"),
  JSON.stringify(
    {
      ...(serverPath === undefined ? {} : { "clerk.server.path": serverPath }),
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.welcomePage.walkthroughs.openOnInstall": false,
      "security.workspace.trust.enabled": false,
      "extensions.autoUpdate": false,
      "extensions.autoCheckUpdates": false,
      "telemetry.telemetryLevel": "off",
      "window.zoomLevel": 0,
    },
    null,
    2,
  ),
);

const baseArgs = [
  "--auth", "none",
  "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
  "--user-data-dir", userData, "--extensions-dir", extensions,
];

let codeServerProcess;
let browser;
let page;
const timer = setTimeout(() => {
  console.error(`the end-to-end test took longer than ${limitMs} ms`);
  finish(1);
}, limitMs);

async function finish(code) {
  clearTimeout(timer);
  await browser?.close().catch(() => {});
  if (codeServerProcess && codeServerProcess.exitCode === null) {
    process.kill(-codeServerProcess.pid, "SIGTERM");
  }
  if (code === 0) {
    rmSync(scratch, { recursive: true, force: true });
  } else {
    console.error(`left for inspection: ${scratch}`);
  }
  log(`done (${code === 0 ? "passed" : "failed"})`);
  process.exit(code);
}

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

/** The environment of a machine where clerk is not installed: no clerk on
 * PATH, and a home with no ~/.cargo/bin/clerk. */
function machineWithoutClerk() {
  const home = path.join(scratch, "home");
  mkdirSync(home, { recursive: true });
  const pathVariable = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((folder) => folder && !existsSync(path.join(folder, "clerk")))
    .join(path.delimiter);
  const env = { ...process.env, PATH: pathVariable, HOME: home };
  delete env.CARGO_HOME;
  return env;
}

/** The text of the editor line holding `text`, as shown. */
async function lineShowing(page, text) {
  const line = page.locator(".monaco-editor .view-line", { hasText: text }).first();
  await line.waitFor({ timeout: 15_000 });
  return (await line.innerText()).replace(/\s+/g, " ").trim();
}

/** A clerk at work in committee.minutes: completion, hover, quick fix. */
async function asAClerkWould(page) {
  await runCommand(page, "Explorer: Focus on Folders View");
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "committee.minutes" }).click();
  await page.locator(".monaco-editor .view-lines", { hasText: "Tree planting programme" }).first().waitFor();
  const editor = page.locator(".monaco-editor .view-lines").first();
  await editor.click();

  // 6. Below "Apologies were received from Councillor Sharma.", "Ms ".
  await page.keyboard.press("Control+G");
  await page.keyboard.type("9");
  await page.keyboard.press("Enter");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Ms ");
  const suggestions = page.locator(".editor-widget.suggest-widget.visible .monaco-list-row");
  await suggestions.first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  const offered = (await suggestions.locator(".label-name").allInnerTexts()).map((text) => text.trim());
  log(`completion after "Ms ": ${JSON.stringify(offered)}`);
  await page.screenshot({ path: stepShot("completion") });
  log(`screenshot: ${stepShot("completion")}`);
  await page.keyboard.type("Jor");
  await page.locator(".editor-widget.suggest-widget.visible .monaco-list-row", { hasText: "Brigitte Jordaan" }).first().waitFor();
  await page.keyboard.press("Enter");
  const firstMention = await lineShowing(page, "Brigitte Jordaan");
  log(`the line after accepting: ${JSON.stringify(firstMention)}`);
  await page.screenshot({ path: stepShot("first-mention") });
  log(`screenshot: ${stepShot("first-mention")}`);

  // 7. The hover on DfE.
  await page.keyboard.press("Escape");
  const dfe = page.locator(".monaco-editor .view-line span span", { hasText: /^DfE$/ }).first();
  await dfe.hover();
  const hover = page.locator(".monaco-hover:not(.hidden)", { hasText: "clerk rules A001" }).first();
  await hover.waitFor({ timeout: 15_000 });
  const hoverText = (await hover.innerText()).replace(/\s+/g, " ").trim();
  log(`hover on DfE: ${JSON.stringify(hoverText)}`);
  await page.screenshot({ path: stepShot("hover") });
  log(`screenshot: ${stepShot("hover")}`);

  // 8. The quick-fix menu on DfE, and "Add DfE to the glossary in clerk.toml".
  await page.mouse.move(10, 10);
  await dfe.click();
  await page.keyboard.press("Control+.");
  const actions = page.locator(".action-widget .monaco-list-row.action");
  await actions.first().waitFor({ timeout: 15_000 });
  const menu = (await actions.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
  log(`quick fixes on DfE: ${JSON.stringify(menu)}`);
  await page.screenshot({ path: stepShot("quick-fix") });
  log(`screenshot: ${stepShot("quick-fix")}`);
  // Chosen from the keyboard, as the menu invites ("Enter to Apply").
  const wantedAction = "Add DfE to the glossary in clerk.toml";
  for (let step = 0; step < menu.length; step += 1) {
    const focused = await page.locator(".action-widget .monaco-list-row.action.focused").first().innerText().catch(() => "");
    if (focused.includes(wantedAction)) {
      break;
    }
    await page.keyboard.press("ArrowDown");
  }
  await page.locator(".action-widget .monaco-list-row.action.focused", { hasText: wantedAction }).waitFor({ timeout: 5_000 });
  await page.keyboard.press("Enter");
  await runCommand(page, "View: Focus Problems");
  const dfeProblem = page.locator(".markers-panel .monaco-list-row", { hasText: "DfE" });
  const fixDeadline = Date.now() + 30_000;
  while ((await dfeProblem.count()) > 0 && Date.now() < fixDeadline) {
    await page.waitForTimeout(250);
  }
  const rowsAfterFix = (await page.locator(".markers-panel .monaco-list-row").allInnerTexts()).map((text) =>
    text.replace(/\s+/g, " ").trim(),
  );
  log(`Problems panel after the quick fix: ${JSON.stringify(rowsAfterFix)}`);
  await page.screenshot({ path: stepShot("quick-fix-done") });
  log(`screenshot: ${stepShot("quick-fix-done")}`);
  const settingsText = readFileSync(settingsFile, "utf8");
  log(`clerk.toml: ${JSON.stringify(settingsText)}`);

  // Called "Ms" in the register, Ms Jordaan first; then everyone else.
  assert.deepEqual(offered, ["Brigitte Jordaan", "Ruth Ashby", "Tom Brennan", "Lena Okafor", "Margaret Hale", "Dev Sharma", "Patel"]);
  assert.equal(firstMention, "Ms Brigitte Jordaan, Operational Director,");
  assert.ok(hoverText.includes("DfE: Department for Education"), hoverText);
  assert.ok(hoverText.includes("A001 undefined-abbreviation: DfE is not spelled out in these minutes"), hoverText);
  assert.ok(
    hoverText.includes("What it flags: an abbreviation used but never spelled out; clerk rules A001 explains this check."),
    hoverText,
  );
  assert.ok(!hoverText.includes("Why it matters"), `the check's whole documentation is not pasted in: ${hoverText}`);
  assert.deepEqual(menu, ["Spell out DfE as “Department for Education (DfE)”", "Add DfE to the glossary in clerk.toml"]);
  assert.equal(await dfeProblem.count(), 0, `DfE is still in the Problems panel: ${JSON.stringify(rowsAfterFix)}`);
  assert.match(settingsText, /^\[abbreviations\]\nDfE = "Department for Education"$/m);
}

async function main() {
  log(`installing ${path.basename(vsix)}`);
  const install = spawnSync(codeServer, [...baseArgs, "--install-extension", vsix], { encoding: "utf8" });
  assert.equal(install.status, 0, `code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
  log("installed");

  const port = await freePort();
  codeServerProcess = spawn(codeServer, [...baseArgs, "--bind-addr", `127.0.0.1:${port}`], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: bundled ? machineWithoutClerk() : process.env,
  });
  let serverLog = "";
  codeServerProcess.stdout.on("data", (chunk) => (serverLog += chunk));
  codeServerProcess.stderr.on("data", (chunk) => (serverLog += chunk));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`, 60_000);
  log(`code-server listening on ${base}`);

  browser = await playwright.launch({
    executablePath: chromium,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 90_000 });
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "committee.minutes" }).waitFor({ timeout: 60_000 });
  log("workbench ready");

  // Open the minutes as a user does: click the file in the Explorer.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "committee.minutes" }).click();
  await page.locator(".monaco-editor .view-lines", { hasText: "Tree planting programme" }).waitFor({ timeout: 30_000 });
  const languageStatus = page.locator(".statusbar-item", { hasText: /^Minutes$/ });
  await languageStatus.first().waitFor({ timeout: 30_000 });
  log("committee.minutes open as Minutes");

  if (serverMissing) {
    const toast = page.locator(".notification-toast", { hasText: "was not found" });
    await toast.first().waitFor({ timeout: 30_000 });
    const message = (await toast.first().innerText()).replace(/\s+/g, " ");
    log(`notification: ${message}`);
    await page.screenshot({ path: screenshot });
    log(`screenshot: ${screenshot}`);
    assert.ok(message.includes(`"${serverPath}" was not found`), message);
    assert.ok(message.includes("cargo install --path ."), message);
    assert.ok(message.includes("clerk.server.path"), message);
    return;
  }

  // Problems panel.
  await runCommand(page, "View: Focus Problems");
  const problemRows = page.locator(".markers-panel .monaco-list-row");
  const problemPattern = new RegExp(expected.map((finding) => finding.code).join("|"));
  // Wait until the panel lists as many findings as expected (the server
  // checks after a short pause), then a moment more, so that a surplus
  // finding shows up as a failure rather than being missed.
  const readProblems = async () =>
    (await problemRows.allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim()).filter((text) => problemPattern.test(text));
  const deadline = Date.now() + 60_000;
  while ((await readProblems()).length < expected.length && Date.now() < deadline) {
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(1_000);
  const problems = await readProblems();
  log(`Problems panel: ${JSON.stringify(problems)}`);

  // Outline view, collapsed to its top level (as a user would to see the
  // agenda at a glance; expanded, the view is taller than the screen).
  await runCommand(page, "Explorer: Focus on Outline View");
  const outlineRows = page.locator(".outline-pane .monaco-list-row");
  await outlineRows.first().waitFor({ timeout: 30_000 });
  // Give the Outline the Explorer's room: fold the folder's file list.
  await page.locator(".pane-header", { hasText: path.basename(workspace) }).first().click();
  const outlineHeader = page.locator(".pane-header", { hasText: "Outline" });
  await outlineHeader.hover();
  // A flat outline has nothing to collapse, and no enabled button for it.
  await outlineHeader
    .locator(".action-label.codicon-collapse-all:not(.disabled)")
    .click({ timeout: 2_000 })
    .catch(() => log("the Outline has nothing to collapse"));
  await page.waitForTimeout(500);
  const outline = (await page.locator(".outline-pane .monaco-list-row .label-name").allInnerTexts()).map((text) =>
    text.replace(/\s+/g, " ").trim(),
  );
  log(`Outline view: ${JSON.stringify(outline)}`);

  await page.screenshot({ path: screenshot });
  log(`screenshot: ${screenshot}`);

  try {
    assert.equal(problems.length, expected.length, `the Problems panel lists ${JSON.stringify(problems)}`);
    expected.forEach((finding, index) => {
      const row = problems[index];
      assert.match(row, new RegExp(`clerk\\(?\\s*${finding.code}\\)?`), `problem ${index + 1}: ${row}`);
      assert.match(row, new RegExp(`\\[Ln ${finding.line}, Col \\d+\\]`), `problem ${index + 1}: ${row}`);
      if (finding.text) assert.ok(row.includes(finding.text), `problem ${index + 1}: ${row}`);
    });
    // Every numbered entry at the top level is an agenda item, in order
    // (attendance lists may stand beside them).
    const numbered = outline.filter((name) => /^\d/.test(name));
    assert.deepEqual(numbered, agendaItems, `the Outline shows ${JSON.stringify(outline)}`);
  } catch (error) {
    console.error(error.message);
    console.error(`code-server log:\n${serverLog.slice(-4000)}`);
    throw error;
  }

  // "Clerk: Show Output" shows how the server was started.
  await runCommand(page, "Clerk: Show Output");
  await page.locator(".part.panel .view-lines", { hasText: "Starting" }).first().waitFor({ timeout: 15_000 });
  const outputText = (await page.locator(".part.panel .view-lines").first().innerText()).replace(/\s+/g, " ");
  log(`Clerk output: ${outputText.slice(0, 200)}`);
  if (bundled) {
    // No clerk installed: the one inside the platform .vsix runs.
    assert.match(
      outputText,
      /Starting \S+\/server\/clerk lsp \(the clerk that comes with this extension: none is installed\)/,
      outputText,
    );
  } else {
    assert.ok(outputText.includes(`Starting ${serverPath} lsp`), outputText);
  }
  // The folder's own clerk.server.path was ignored (VS Code drops a
  // folder's value of a machine setting), and its program never ran.
  assert.ok(!existsSync(`${folderServerPath}.ran`), "the program the folder named was run");

  // Plain Markdown is left alone until clerk.attachToMarkdownAndText is on.
  await runCommand(page, "View: Focus Problems");
  await runCommand(page, "Explorer: Focus on Folders View");
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "notes.md" }).click();
  await page.locator(".monaco-editor .view-lines", { hasText: "Tree planting programme" }).first().waitFor();
  await page.waitForTimeout(3_000);
  const notesRow = page.locator(".markers-panel .monaco-list-row", { hasText: "notes.md" });
  assert.equal(await notesRow.count(), 0, "notes.md is not checked while clerk.attachToMarkdownAndText is off");
  // The folder's settings file changes (as when a clerk edits it, or a
  // colleague's change is pulled): the server restarts and checks notes.md.
  writeWorkspaceSettings({ "clerk.attachToMarkdownAndText": true });
  await notesRow.first().waitFor({ timeout: 30_000 });
  const allRows = async () =>
    (await page.locator(".markers-panel .monaco-list-row").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
  log(`Problems panel, with Markdown attached: ${JSON.stringify(await allRows())}`);

  // clerk.checks.ignore reaches the running server: R001 goes away.
  const r001 = page.locator(".markers-panel .monaco-list-row", { hasText: "R001" });
  await r001.first().waitFor();
  writeWorkspaceSettings({ "clerk.attachToMarkdownAndText": true, "clerk.checks.ignore": ["R001"] });
  const ignoreDeadline = Date.now() + 30_000;
  while ((await r001.count()) > 0 && Date.now() < ignoreDeadline) {
    await page.waitForTimeout(250);
  }
  const rowsIgnoring = await allRows();
  log(`Problems panel, ignoring R001: ${JSON.stringify(rowsIgnoring)}`);
  assert.ok(!rowsIgnoring.some((row) => row.includes("R001")), "R001 is ignored");
  assert.ok(rowsIgnoring.some((row) => row.includes("A001")), "A001 is still reported");

  if (server !== "stand-in") {
    await asAClerkWould(page);
  }
}

main().then(
  () => finish(0),
  async (error) => {
    console.error(error);
    // What the user would have seen when it went wrong.
    await page?.screenshot({ path: screenshot }).then(() => console.error(`screenshot: ${screenshot}`), () => {});
    finish(1);
  },
);

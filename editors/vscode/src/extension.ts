// Clerk for VS Code: starts `clerk lsp` for minutes and shows its findings,
// outline, completion, hovers and fixes through the language client.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";
import { agendaItemFolds } from "./folding";
import { FoundServer, findServer } from "./server";
import { ChecksSettings, checksFrom, serverPathFrom } from "./settings";

const OUTPUT_NAME = "Clerk";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
/** The clerk.server.path whose program was reported missing. */
let missingExplainedFor: string | undefined;

export function checksSettings(scope?: vscode.ConfigurationScope): ChecksSettings {
  const config = vscode.workspace.getConfiguration("clerk", scope);
  const select = config.get<string[]>("checks.select", []);
  const extendSelect = config.get<string[]>("checks.extendSelect", []);
  const ignore = config.get<string[]>("checks.ignore", []);
  return checksFrom(select, extendSelect, ignore);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The clerk program a platform .vsix carries, made executable if the
 * unpacking lost its mode; undefined in the universal .vsix. */
function bundledServer(context: vscode.ExtensionContext): string | undefined {
  const bundled = context.asAbsolutePath(path.join("server", process.platform === "win32" ? "clerk.exe" : "clerk"));
  if (!fs.existsSync(bundled)) {
    return undefined;
  }
  if (!isExecutable(bundled) && process.platform !== "win32") {
    try {
      fs.chmodSync(bundled, 0o755);
    } catch (error) {
      output.appendLine(`The clerk program in this extension cannot be made runnable: ${error}`);
    }
  }
  return bundled;
}

/** The clerk program to run (see server.ts for the order). */
function serverFor(context: vscode.ExtensionContext, configured: string): FoundServer | undefined {
  const setting = configured.startsWith("~") ? path.join(os.homedir(), configured.slice(1)) : configured;
  return findServer(
    setting,
    {
      pathVariable: process.env.PATH ?? "",
      platform: process.platform,
      cargoBin: path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), ".cargo"), "bin"),
      bundled: bundledServer(context),
    },
    isExecutable,
  );
}

function documentSelector(): DocumentSelector {
  const selector: { scheme: string; language: string }[] = [];
  const languages = ["minutes"];
  if (vscode.workspace.getConfiguration("clerk").get<boolean>("attachToMarkdownAndText", false)) {
    languages.push("markdown", "plaintext");
  }
  for (const language of languages) {
    selector.push({ scheme: "file", language }, { scheme: "untitled", language });
  }
  return selector;
}

async function explainMissingServer(configured: string): Promise<void> {
  const message =
    `Clerk cannot check these minutes: the program "${configured || "clerk"}" was not found. ` +
    "Install it with `cargo install --path .` in the clerk repository, " +
    "or set clerk.server.path to the full path of the clerk program.";
  output.appendLine(message);
  const choice = await vscode.window.showErrorMessage(message, "Open Settings");
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "clerk.server.path");
  }
}

/** clerk.server.path from the user's own settings only (see settings.ts). */
function serverPathSetting(): string {
  const { program, ignoredFolderValue } = serverPathFrom(
    vscode.workspace.getConfiguration("clerk").inspect<string>("server.path"),
  );
  if (ignoredFolderValue) {
    output.appendLine(
      "Ignored clerk.server.path in this folder's settings: only your own settings choose the program Clerk runs.",
    );
  }
  return program;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const configured = serverPathSetting();
  const found = serverFor(context, configured);
  if (!found) {
    // Once per setting, not once per document opened.
    if (missingExplainedFor !== configured) {
      missingExplainedFor = configured;
      void explainMissingServer(configured);
    }
    return;
  }
  missingExplainedFor = undefined;
  const program = found.program;
  output.appendLine(
    found.from === "bundled"
      ? `Starting ${program} lsp (the clerk that comes with this extension: none is installed)`
      : `Starting ${program} lsp`,
  );
  const serverOptions: ServerOptions = {
    run: { command: program, args: ["lsp"] },
    debug: { command: program, args: ["lsp"] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: checksSettings(),
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      workspace: {
        // Answer the server's request for the `clerk` section with the same
        // flat { select, ignore } it got at start-up, not VS Code's nesting.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, index) =>
            item.section === "clerk"
              ? checksSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answers[index],
          );
        },
      },
    },
  };
  client = new LanguageClient("clerk", "Clerk", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`The clerk server did not start: ${error}`);
    void vscode.window.showErrorMessage(
      `Clerk: the server ${program} did not start. See the Clerk output for why.`,
      "Show Output",
    ).then((choice) => choice && output.show(true));
  }
}

async function stopClient(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping) {
    try {
      await stopping.stop();
    } catch (error) {
      output.appendLine(`Stopping the clerk server: ${error}`);
    }
  }
}

/** Whether the server should check this document under the current settings. */
function isChecked(document: vscode.TextDocument): boolean {
  return vscode.languages.match(documentSelector(), document) > 0;
}

let starting: Promise<void> | undefined;

/** Starts the server the first time a document it checks is open: the
 * extension also wakes for every Markdown and text file (in case the user
 * attaches to them), and should not start a server for those by default. */
function startWhenNeeded(context: vscode.ExtensionContext): void {
  if (!client && !starting && vscode.workspace.textDocuments.some(isChecked)) {
    starting = startClient(context).finally(() => (starting = undefined));
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(OUTPUT_NAME);
  context.subscriptions.push(
    output,
    vscode.workspace.onDidOpenTextDocument(() => startWhenNeeded(context)),
    vscode.commands.registerCommand("clerk.restartServer", async () => {
      missingExplainedFor = undefined;
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand("clerk.showOutput", () => output.show(true)),
    // The server's own command "clerk.showIndex" answers the index's
    // Markdown (the language client registers that name itself, so this
    // command has its own); it opens in a new, unsaved document.
    vscode.commands.registerCommand("clerk.showIndexOfAbbreviations", async () => {
      if (!client && !starting) {
        starting = startClient(context).finally(() => (starting = undefined));
      }
      await starting;
      if (!client?.isRunning()) {
        void vscode.window.showErrorMessage(
          "Clerk: the server is not running, so there is no index to show. See the Clerk output for why.",
        );
        return;
      }
      const markdown = await client.sendRequest<string>("workspace/executeCommand", {
        command: "clerk.showIndex",
        arguments: [],
      });
      const document = await vscode.workspace.openTextDocument({ language: "markdown", content: markdown });
      await vscode.window.showTextDocument(document);
    }),
    vscode.languages.registerFoldingRangeProvider({ language: "minutes" }, {
      provideFoldingRanges(document) {
        const lines = Array.from({ length: document.lineCount }, (_, index) => document.lineAt(index).text);
        return agendaItemFolds(lines).map(
          (fold) => new vscode.FoldingRange(fold.start, fold.end, vscode.FoldingRangeKind.Region),
        );
      },
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration("clerk.server.path") ||
        event.affectsConfiguration("clerk.attachToMarkdownAndText")
      ) {
        output.appendLine("Settings changed: restarting the clerk server");
        await stopClient();
        startWhenNeeded(context);
      } else if (event.affectsConfiguration("clerk.checks") && client?.isRunning()) {
        await client.sendNotification("workspace/didChangeConfiguration", {
          settings: { clerk: checksSettings() },
        });
      }
    }),
  );
  startWhenNeeded(context);
  await starting;
}

export function deactivate(): Promise<void> {
  return stopClient();
}

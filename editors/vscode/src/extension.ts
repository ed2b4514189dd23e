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
import { serverPathFrom } from "./settings";

const OUTPUT_NAME = "Clerk";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
/** The clerk.server.path whose program was reported missing. */
let missingExplainedFor: string | undefined;

/** The checks settings in the shape the server reads, both at start-up
 * (initializationOptions) and when it asks for the `clerk` section. */
export interface ChecksSettings {
  select?: string[];
  ignore: string[];
}

export function checksSettings(scope?: vscode.ConfigurationScope): ChecksSettings {
  const config = vscode.workspace.getConfiguration("clerk", scope);
  const select = config.get<string[]>("checks.select", []);
  const ignore = config.get<string[]>("checks.ignore", []);
  // The server reads "select": [] as "run no check"; an empty setting means
  // "every check", so it is left out.
  return select.length > 0 ? { select, ignore } : { ignore };
}

/** Where a bare program name would be found on PATH, or undefined. */
function onPath(program: string): string | undefined {
  const suffixes = process.platform === "win32" ? [".exe", ".cmd", ""] : [""];
  for (const folder of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const suffix of suffixes) {
      const candidate = path.join(folder, program + suffix);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The clerk program to run: the configured path, else `clerk` on PATH,
 * else where `cargo install` puts it (often missing from a desktop's PATH). */
export function findServer(configured: string): string | undefined {
  const setting = configured.trim() || "clerk";
  if (setting.includes("/") || setting.includes("\\")) {
    const expanded = setting.startsWith("~") ? path.join(os.homedir(), setting.slice(1)) : setting;
    return isExecutable(expanded) ? expanded : undefined;
  }
  const found = onPath(setting);
  if (found || setting !== "clerk") {
    return found;
  }
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), ".cargo"), "bin", "clerk");
  return isExecutable(cargoBin) ? cargoBin : undefined;
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
  const program = findServer(configured);
  if (!program) {
    // Once per setting, not once per document opened.
    if (missingExplainedFor !== configured) {
      missingExplainedFor = configured;
      void explainMissingServer(configured);
    }
    return;
  }
  missingExplainedFor = undefined;
  output.appendLine(`Starting ${program} lsp`);
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

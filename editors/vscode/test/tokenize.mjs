// Tokenizes text with the extension's TextMate grammar, as VS Code does:
// vscode-textmate with the Oniguruma regular expression engine (WebAssembly).

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const require = createRequire(import.meta.url);
const grammarPath = fileURLToPath(new URL("../syntaxes/minutes.tmLanguage.json", import.meta.url));

let registryPromise;

async function registry() {
  const wasm = await readFile(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === "text.minutes"
        ? vsctm.parseRawGrammar(await readFile(grammarPath, "utf8"), grammarPath)
        : null,
  });
}

export async function loadGrammar() {
  registryPromise ??= registry();
  return (await registryPromise).loadGrammar("text.minutes");
}

/** Every token of every line: { line, text, scopes } with the root scope dropped. */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  const tokens = [];
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      tokens.push({
        line,
        text: lineText.slice(token.startIndex, token.endIndex),
        scopes: token.scopes.slice(1),
      });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** A readable snapshot: each line, then its tokens that carry a scope. */
export function snapshot(text, tokens) {
  const out = [];
  text.split(/\r?\n/).forEach((lineText, line) => {
    out.push(`${line + 1}| ${lineText}`);
    for (const token of tokens.filter((t) => t.line === line && t.scopes.length > 0)) {
      out.push(`    ${JSON.stringify(token.text)} ${token.scopes.join(" ")}`);
    }
  });
  return out.join("\n") + "\n";
}

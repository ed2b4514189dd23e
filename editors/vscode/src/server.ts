// Which clerk program the extension runs. Kept apart from the extension, and
// from the disk (what is executable is asked of `isExecutable`), so that a
// test can try every case without VS Code.

import * as path from "node:path";

/** Where to look, besides the setting. */
export interface Surroundings {
  /** The PATH to search for a bare program name. */
  pathVariable: string;
  /** `process.platform`. */
  platform: string;
  /** Where `cargo install` puts programs: $CARGO_HOME/bin or ~/.cargo/bin. */
  cargoBin: string;
  /** The clerk program inside a platform .vsix, if the extension has one. */
  bundled?: string;
}

/** A clerk program found, and where it came from (said in the Clerk output). */
export interface FoundServer {
  program: string;
  from: "setting" | "PATH" | "cargo" | "bundled";
}

/** The clerk program to run: the program the setting names; or, with the
 * setting left as `clerk`, `clerk` on PATH, then where `cargo install` puts
 * it (often missing from a desktop's PATH), then the one a platform .vsix
 * carries. A clerk the user installed is preferred to the bundled one, which
 * can be older; a program the user named and that is missing is reported,
 * not swapped for the bundled one. */
export function findServer(
  configured: string,
  where: Surroundings,
  isExecutable: (file: string) => boolean,
): FoundServer | undefined {
  const setting = configured.trim() || "clerk";
  if (setting.includes("/") || setting.includes("\\")) {
    return isExecutable(setting) ? { program: setting, from: "setting" } : undefined;
  }
  const suffixes = where.platform === "win32" ? [".exe", ".cmd", ""] : [""];
  for (const folder of where.pathVariable.split(where.platform === "win32" ? ";" : ":")) {
    if (!folder) {
      continue;
    }
    for (const suffix of suffixes) {
      const candidate = path.join(folder, setting + suffix);
      if (isExecutable(candidate)) {
        return { program: candidate, from: setting === "clerk" ? "PATH" : "setting" };
      }
    }
  }
  if (setting !== "clerk") {
    return undefined;
  }
  const cargoBin = path.join(where.cargoBin, where.platform === "win32" ? "clerk.exe" : "clerk");
  if (isExecutable(cargoBin)) {
    return { program: cargoBin, from: "cargo" };
  }
  if (where.bundled && isExecutable(where.bundled)) {
    return { program: where.bundled, from: "bundled" };
  }
  return undefined;
}

// Which clerk program to run, from what VS Code knows of clerk.server.path.
// Kept apart from the extension so that a test can read it without VS Code.

/** The parts of `WorkspaceConfiguration.inspect` the choice reads. */
export interface InspectedSetting {
  defaultValue?: string;
  globalValue?: string;
  workspaceValue?: string;
  workspaceFolderValue?: string;
}

/** The program from the user's own settings, else the default; and whether
 * a folder's settings named one, which is ignored: a folder cannot choose
 * the program VS Code runs just by being opened. */
export function serverPathFrom(inspected: InspectedSetting | undefined): { program: string; ignoredFolderValue: boolean } {
  return {
    program: inspected?.globalValue ?? inspected?.defaultValue ?? "clerk",
    ignoredFolderValue: inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined,
  };
}

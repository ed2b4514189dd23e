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

/** The checks settings in the shape the server reads, both at start-up
 * (initializationOptions) and when it asks for the `clerk` section. */
export interface ChecksSettings {
  select?: string[];
  extendSelect?: string[];
  ignore: string[];
}

/** The three checks settings as the server reads them. The server reads
 * "select": [] as "run no check", where an empty setting means "every
 * check", so an empty list is left out; so is an empty extendSelect. */
export function checksFrom(select: string[], extendSelect: string[], ignore: string[]): ChecksSettings {
  const settings: ChecksSettings = select.length > 0 ? { select, ignore } : { ignore };
  if (extendSelect.length > 0) {
    settings.extendSelect = extendSelect;
  }
  return settings;
}

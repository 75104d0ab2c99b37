export interface SourceLocation {
  file: string;
  line: number;
}

// Most specific first: .NET "in File.cs:line 25", then "path.ext:12(:3)", then PHP "path.php(12)".
const PATTERNS = [
  /\bin ((?:[A-Za-z]:)?[^\s:]+\.\w+):line (\d+)/,
  /(?:file:\/\/)?((?:[A-Za-z]:)?[\w./\\@+~-]*\.[A-Za-z]\w*):(\d+)(?::\d+)?/,
  /((?:[A-Za-z]:)?[\w./\\@+~-]*\.[A-Za-z]\w*)\((\d+)\)/,
];
const IGNORED = /node_modules|^node:|^internal\/|\/internal\/|<anonymous>/;

/** The first source position a stack trace or failure text points at, skipping library frames. */
export function locationFromText(text: string | undefined): SourceLocation | undefined {
  if (!text) return undefined;
  for (const line of text.split(/\r?\n/, 200)) {
    for (const pattern of PATTERNS) {
      const match = pattern.exec(line);
      if (!match?.[1] || IGNORED.test(match[1])) continue;
      const lineNumber = Number(match[2]);
      if (lineNumber > 0) return { file: match[1], line: lineNumber };
    }
  }
  return undefined;
}

/** A path as GitHub annotations want it: relative to the workspace, forward slashes, no file:// prefix. */
export function repoPath(file: string, workspace: string | undefined): string {
  let path = file.replace(/^file:\/\//, '');
  if (workspace) {
    const root = workspace.replace(/[\\/]+$/, '');
    if (path.startsWith(`${root}/`) || path.startsWith(`${root}\\`)) path = path.slice(root.length + 1);
  }
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

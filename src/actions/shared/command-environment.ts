/**
 * What deploy, migrate and switch commands must not inherit from the action's process: its inputs
 * (the token among them), the runner's service credentials (artifact and cache services, OIDC token
 * requests) and the step's own output and state files (a command writing there would forge the
 * step's outputs). A `run:` step has none of these.
 */
const WITHHELD = [/^INPUT_/i, /^ACTIONS_/i, /^STATE_/i, /^GITHUB_(OUTPUT|STATE)$/i];

/**
 * The environment a command runs with: what a plain `run:` step would have (the runner's and the
 * workflow's variables), the SLIPWAY_* variables, and of the withheld ones only those named in `pass-env`.
 */
export function commandEnvironment(
  parent: NodeJS.ProcessEnv,
  added: Record<string, string>,
  passEnv: readonly string[],
): Record<string, string> {
  const passed = new Set(passEnv.map((name) => name.toUpperCase()));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && (passed.has(name.toUpperCase()) || !WITHHELD.some((pattern) => pattern.test(name))))
      env[name] = value;
  }
  return { ...env, ...added };
}

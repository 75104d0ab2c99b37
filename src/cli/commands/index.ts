import type { Command } from 'commander';
import { registerPackage } from './package.js';
import { registerNotify } from './notify.js';
import { registerGate } from './gate.js';
import { registerNotes } from './notes.js';
import { registerStatus } from './status.js';
import { registerMetrics } from './metrics.js';
import { registerFlags } from './flags.js';

/**
 * One registration function per capability: `slipway <command>`. Registration loads only commander and
 * the option lists; each action handler imports its command's code from ../run/<name>.ts, so a run
 * compiles only the command it runs (and `--help` none of them). The code returns its exit code, passed to `exit`.
 */
export type RegisterCommand = (program: Command, exit: (code: number) => void) => void;

export const commands: RegisterCommand[] = [
  registerNotify,
  registerGate,
  registerPackage,
  registerNotes,
  registerStatus,
  registerMetrics,
  registerFlags,
];

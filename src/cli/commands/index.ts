import type { Command } from 'commander';

/** One registration function per capability: `slipway <command>`. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];

import { type DeploymentEntry, succeeded } from './deployment-history.js';

export const SLOTS = ['blue', 'green'] as const;
export type Slot = (typeof SLOTS)[number];

/** The slot serving traffic: recorded in the payload of the environment's current deployment. */
export function liveSlot(current: DeploymentEntry | undefined): Slot | null {
  const slot = current?.payload?.slot;
  return slot === 'blue' || slot === 'green' ? slot : null;
}

/** The slot a new release goes to: the one not serving traffic (blue when nothing is live yet). */
export function idleSlot(live: Slot | null): Slot {
  return live === 'blue' ? 'green' : 'blue';
}

/**
 * What a slot holds now: the newest deployment that installed a release in it. A later failed
 * deployment to the slot replaced what was there, so it counts too (unless it never got going).
 */
export function slotHolder(entries: DeploymentEntry[], slot: Slot): DeploymentEntry | undefined {
  return entries.find((e) => e.payload?.slot === slot && e.state !== 'pending' && e.state !== 'queued');
}

/** Whether the warm slot still holds `digest` from a deployment that succeeded, so restoring it is a switch, not a redeploy. */
export function warmSlotHolding(entries: DeploymentEntry[], live: Slot | null, digest: string): Slot | undefined {
  if (live === null) return undefined;
  const warm = idleSlot(live);
  const holder = slotHolder(entries, warm);
  return holder && holder.payload?.digest === digest && succeeded(holder) ? warm : undefined;
}

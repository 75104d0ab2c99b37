import type { SlipwayPayload, StatusState } from '../deployment-history.js';

/** One status of a deployment. */
export interface StatusRecord {
  state: StatusState;
  at: number;
  description: string;
}

/** A deployment with every status it received (oldest first): what the metrics are computed from. */
export interface DeploymentRecord {
  id: number;
  environment: string;
  task: string;
  sha: string;
  createdAt: number;
  statuses: StatusRecord[];
  payload?: SlipwayPayload;
}

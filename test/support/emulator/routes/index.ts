import type { Routes } from '../context.js';
import { artifactRoutes } from './artifacts.js';
import { attestationRoutes } from './attestations.js';
import { checkRoutes } from './checks.js';
import { commitRoutes } from './commits.js';
import { deploymentRoutes } from './deployments.js';
import { gitRoutes } from './git.js';
import { issueRoutes } from './issues.js';
import { releaseRoutes } from './releases.js';
import { repositoryRoutes } from './repositories.js';
import { statusRoutes } from './statuses.js';
import { workflowRunRoutes } from './workflow-runs.js';

/** Every operation the emulator serves, by OpenAPI operationId. */
export const ROUTES: Routes = {
  ...repositoryRoutes,
  ...gitRoutes,
  ...commitRoutes,
  ...releaseRoutes,
  ...deploymentRoutes,
  ...checkRoutes,
  ...statusRoutes,
  ...artifactRoutes,
  ...issueRoutes,
  ...attestationRoutes,
  ...workflowRunRoutes,
};

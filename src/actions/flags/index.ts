import { runAction } from '../../runtime/run-action.js';
import { readInputs } from './inputs.js';

// Inputs are validated with the light runtime alone; main.js (domain code, Octokit…) is a chunk loaded after.
void runAction(readInputs, () => import('./main.js'));

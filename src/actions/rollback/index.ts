import { runAction } from '../../runtime/run-action.js';
import { run } from './main.js';

void runAction(run);

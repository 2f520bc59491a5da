/**
 * src/workflow: turns a trace of what the simulated cluster did into the ten documented
 * stages (plus a prelude and extra lanes) for the panel and the CLI. Pure: imports only
 * src/protocol.
 */
export { buildStages, buildWalkthrough, type WalkthroughInput } from './build';
export { DEPLOYMENT_STAGES, PRELUDE, SERVICE_LANE } from './stages';
export { Classifier } from './classify';

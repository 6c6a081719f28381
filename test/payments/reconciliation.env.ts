/**
 * Imported first by the reconciliation test: the job's schedule is read when its decorator is
 * evaluated, so it must be in the environment before the app's modules are loaded.
 */
process.env.RECONCILE_EVERY_MS = '250';
process.env.RECONCILE_AFTER_SECONDS = '1';
// One attempt per call, so a failure injected here is the one the test meant and not the SDK's retry.
process.env.STRIPE_MAX_NETWORK_RETRIES = '0';

import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { deliver, stripePaymentOf } from './payments-fixtures';

describe('payments: Stripe webhooks and the instance-wide rate limit', () => {
  let t: TestApp;
  let stripe: StripeEmulator;
  let restoreEnv: () => void;

  beforeAll(async () => {
    stripe = await StripeEmulator.start();
    restoreEnv = withEnv({ ...stripe.env(), RATE_LIMIT_PER_MINUTE: '3' });
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.stop();
    restoreEnv();
  });

  it('accepts every delivery from Stripe while the same address is refused elsewhere', async () => {
    const { intent } = await stripePaymentOf(t, stripe);
    stripe.succeed(intent.id);
    const delivery = stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await deliver(t, delivery)).status);
    expect(statuses).toEqual(Array(6).fill(200));

    const elsewhere: number[] = [];
    for (let i = 0; i < 6; i++) elsewhere.push((await t.http.get('/api/v1/categories')).status);
    expect(elsewhere).toContain(429);
  });
});

import { join } from 'node:path';
import { MailRenderer, storefrontLink } from './mail-renderer';
import { MESSAGE_CATALOG, TEMPLATE_NAMES } from './message-catalog';

const renderer = new MailRenderer({
  templatesDir: join(__dirname, 'templates'),
  storefrontUrl: 'https://shop.example.test/',
  locale: 'en-US',
  currency: 'EUR',
});

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const order = {
  orderId: '0192f1d2-0000-7000-8000-000000000001',
  orderNumber: 'EMP-1042',
  customerName: 'Ada <Lovelace>',
  lines: [
    { name: 'Salt & Pepper <set>', sku: 'SP-1', quantity: 2, unitPrice: eur(1250), lineTotal: eur(2500) },
    { name: 'Mug', sku: 'MUG-1', quantity: 1, unitPrice: eur(899), lineTotal: eur(899) },
  ],
  subtotal: eur(3399),
  shipping: eur(490),
  tax: eur(0),
  total: eur(388990),
};

describe('storefrontLink', () => {
  it('joins encoded path segments and query to the base without doubling slashes', () => {
    expect(storefrontLink('https://shop.test/', ['orders', 'a/b'], {})).toBe('https://shop.test/orders/a%2Fb');
    expect(storefrontLink('https://shop.test', ['verify-email'], { token: 'a+b/c=' })).toBe(
      'https://shop.test/verify-email?token=a%2Bb%2Fc%3D',
    );
  });
});

describe('MailRenderer', () => {
  it('puts the raw token into both parts of the verification mail', () => {
    const body = renderer.body('verify-email', { firstName: 'Ada', token: 'tok_123-abc' });
    expect(body.text).toContain('Hello Ada,');
    expect(body.text).toContain('https://shop.example.test/verify-email?token=tok_123-abc');
    expect(body.html).toContain('href="https://shop.example.test/verify-email?token=tok_123-abc"');
    expect(renderer.subject('verify-email', { firstName: 'Ada' })).toBe('Confirm your e-mail address');
  });

  it('builds the reset link and shows the expiry in UTC', () => {
    const body = renderer.body('reset-password', { firstName: null, token: 'r3s3t', expiresAt: '2030-01-02T03:04:00.000Z' });
    expect(body.text).toContain('Hello,');
    expect(body.text).toContain('https://shop.example.test/reset-password?token=r3s3t');
    expect(body.text).toContain('Jan 2, 2030, 3:04 AM UTC');
  });

  it('renders the receipt with lines and totals in the store currency', () => {
    const body = renderer.body('order-receipt', order);
    expect(renderer.subject('order-receipt', order)).toBe('Receipt for your order EMP-1042');
    expect(body.text).toContain('- 2 x Salt & Pepper <set> (SP-1) at €12.50: €25.00');
    expect(body.text).toContain('Total:    €3,889.90');
    expect(body.text).toContain(`https://shop.example.test/orders/${order.orderId}`);
    expect(body.html).toContain('<strong>€3,889.90</strong>');
  });

  it('escapes customer data in HTML but not in plain text', () => {
    const body = renderer.body('order-received', order);
    expect(body.html).toContain('Salt &amp; Pepper &lt;set&gt;');
    expect(body.html).toContain('Hello Ada &lt;Lovelace&gt;,');
    expect(body.html).not.toContain('<set>');
    expect(body.text).toContain('Hello Ada <Lovelace>,');
  });

  it('shows the tracking number and the cancellation reason', () => {
    expect(renderer.body('order-shipped', { ...order, trackingNumber: '1Z999AA1' }).text).toContain('Tracking number: 1Z999AA1');
    const cancelled = renderer.body('order-cancelled', { ...order, wasPaid: true, reasonText: 'because the payment did not arrive in time' });
    expect(cancelled.text).toContain('was cancelled because the payment did not arrive in time.');
    expect(cancelled.text).toContain('will be refunded');
  });

  it('fails loudly when the context lacks a field instead of mailing a blank', () => {
    expect(() => renderer.body('order-shipped', order)).toThrow(/trackingNumber/);
  });

  it('has a subject and both parts for every message of the catalog', () => {
    expect(Object.keys(MESSAGE_CATALOG).sort()).toEqual([...TEMPLATE_NAMES].sort());
    const context = {
      ...order,
      firstName: 'Ada',
      token: 't',
      expiresAt: '2030-01-01T00:00:00Z',
      trackingNumber: 'T',
      wasPaid: false,
      reasonText: 'r',
      amount: eur(100),
      totalRefunded: eur(100),
      fullyRefunded: false,
      sku: 'SKU-1',
      available: 2,
      reorderLevel: 5,
    };
    for (const name of TEMPLATE_NAMES) {
      const body = renderer.body(name, context);
      expect(body.html).toMatch(/^<!doctype html>/);
      expect(body.text.trim().length).toBeGreaterThan(20);
      expect(renderer.subject(name, context).length).toBeGreaterThan(5);
    }
  });
});

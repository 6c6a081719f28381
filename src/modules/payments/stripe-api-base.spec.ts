import { stripeConnection } from './stripe-api-base';

describe('stripeConnection', () => {
  it('uses the SDK defaults without an API base', () => {
    expect(stripeConnection(undefined)).toEqual({});
  });

  it('splits an http origin into host, port and protocol', () => {
    expect(stripeConnection('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
  });

  it('defaults the port from the protocol', () => {
    expect(stripeConnection('https://stripe.internal.example')).toEqual({ host: 'stripe.internal.example', port: 443, protocol: 'https' });
    expect(stripeConnection('http://localhost/')).toEqual({ host: 'localhost', port: 80, protocol: 'http' });
  });
});

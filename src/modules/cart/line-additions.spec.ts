import type { CartLineRow } from './cart-store';
import { withChangedLine } from './line-additions';

const line = (id: string, quantity: number): CartLineRow => ({
  id,
  variantId: `v-${id}`,
  quantity,
  productId: 'p',
  sku: `SKU-${id}`,
  name: 'Mug',
  priceAmount: 1000,
  currency: 'EUR',
  sellable: true,
});

describe('a cart line changed by an add', () => {
  it('replaces the line it changed, keeping its place', () => {
    expect(withChangedLine([line('a', 1), line('b', 1)], line('a', 3))).toEqual([line('a', 3), line('b', 1)]);
  });

  it('adds a new line at the end, the lines being oldest first', () => {
    expect(withChangedLine([line('a', 1)], line('b', 2))).toEqual([line('a', 1), line('b', 2)]);
  });
});

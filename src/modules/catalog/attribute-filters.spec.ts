import { splitAttributeParams } from './attribute-filters';

describe('splitAttributeParams', () => {
  it('takes attr.<key> and attr[<key>] out of the query, leaving the rest', () => {
    const split = splitAttributeParams({ 'attr.brand': 'acme', 'attr[material]': 'leather', sort: 'price', limit: '5' });
    expect(split.attributes).toEqual({ brand: ['acme'], material: ['leather'] });
    expect(split.rest).toEqual({ sort: 'price', limit: '5' });
    expect(split.errors).toEqual([]);
  });

  it('accepts any of the values of a repeated parameter', () => {
    const split = splitAttributeParams({ 'attr.colour': ['red', 'blue', 'red'] });
    expect(split.attributes).toEqual({ colour: ['red', 'blue'] });
  });

  it('reports keys that are not attribute keys', () => {
    const split = splitAttributeParams({ 'attr.Brand Name': 'x', 'attr.': 'y' });
    expect(split.attributes).toEqual({});
    expect(split.errors.map((e) => e.field)).toEqual(['attr.Brand Name', 'attr.']);
  });

  it('reports empty and over-long values', () => {
    expect(splitAttributeParams({ 'attr.brand': '' }).errors).toHaveLength(1);
    expect(splitAttributeParams({ 'attr.brand': 'x'.repeat(101) }).errors).toHaveLength(1);
  });

  it('limits how many attributes one request filters on', () => {
    const query = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`attr.k${i}`, 'v']));
    expect(splitAttributeParams(query).errors).toEqual([{ field: 'attr', message: 'at most 10 attribute filters' }]);
  });

  it('leaves look-alikes to the DTO, which refuses unknown parameters', () => {
    expect(splitAttributeParams({ attributes: 'x', 'attr.a.b': 'y' }).rest).toEqual({ attributes: 'x', 'attr.a.b': 'y' });
  });
});

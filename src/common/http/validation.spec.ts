import { unstorableFields } from './validation';

describe('unstorableFields', () => {
  it('names the strings holding NUL or an unpaired surrogate, at any depth', () => {
    const body = {
      ok: 'Erika 👩‍💻 Müller',
      nul: 'a\u0000b',
      address: { line1: 'fine', line2: '\ud800', city: 'x\udc00' },
      tags: ['fine', 'b\u0000'],
      count: 3,
      nothing: null,
    };
    expect(unstorableFields(body)).toEqual(['nul', 'address.line2', 'address.city', 'tags.1']);
  });

  it('checks keys too, and a bare string', () => {
    expect(unstorableFields({ 'k\u0000': 'v' })).toEqual(['k\u0000']);
    expect(unstorableFields('\udfff', 'id')).toEqual(['id']);
    expect(unstorableFields('\ud83d\ude00', 'id')).toEqual([]);
  });
});

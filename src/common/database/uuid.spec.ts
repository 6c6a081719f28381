import { v7 } from 'uuid';
import { firstIdAt, newId } from './uuid';

describe('firstIdAt', () => {
  const moment = new Date('2026-12-04T12:00:00.000Z');
  const at = (ms: number) => v7({ msecs: ms });

  it('sorts below every id of its millisecond and above every earlier one', () => {
    const bound = firstIdAt(moment);
    const t = moment.getTime();
    for (let i = 0; i < 100; i++) {
      expect(at(t) >= bound).toBe(true);
      expect(at(t - 1) < bound).toBe(true);
      expect(at(t + 1) > bound).toBe(true);
    }
  });

  it('is a UUID v7 of that millisecond', () => {
    expect(firstIdAt(moment)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7000-8000-000000000000$/);
    expect(firstIdAt(moment).slice(0, 13)).toBe(at(moment.getTime()).slice(0, 13));
  });

  it('puts the ids made now between the bounds of a moment before and after', () => {
    const before = firstIdAt(new Date(Date.now() - 1));
    const id = newId();
    const after = firstIdAt(new Date(Date.now() + 1));
    expect([before < id, id < after]).toEqual([true, true]);
  });
});

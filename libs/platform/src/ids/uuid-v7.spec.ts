import { uuidv7 } from './uuid-v7';

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID carrying its millisecond', () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0);
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('keeps ids minted within one millisecond in order', () => {
    const at = Date.now() + 60_000;
    const ids = Array.from({ length: 500 }, () => uuidv7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

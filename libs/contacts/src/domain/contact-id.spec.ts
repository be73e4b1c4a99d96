import { newContactId } from './contact-id';

describe('contact ids', () => {
  it('are version-7 UUIDs carrying the creation time', () => {
    const id = newContactId(Date.UTC(2026, 10, 23));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 23));
  });

  it('sort by time across milliseconds', () => {
    expect(newContactId(1_000) < newContactId(2_000)).toBe(true);
  });
});

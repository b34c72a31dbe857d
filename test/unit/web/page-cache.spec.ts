import { PageCache } from '../../../src/web/page-cache.js';

/** The cache in front of the costly pages: never older than its time to live, one reading at a time. */
describe('PageCache', () => {
  let now = 0;
  let readings = 0;
  const read = (value: string) => async () => {
    readings++;
    return value;
  };
  beforeEach(() => {
    now = 1000;
    readings = 0;
  });

  it('serves a reading again while it is younger than half its life', async () => {
    const cache = new PageCache<string>(2000, 10, () => now);
    expect(await cache.get('k', read('a'))).toBe('a');
    now += 999;
    expect(await cache.get('k', read('b'))).toBe('a');
    expect(readings).toBe(1);
  });

  it('in the second half of its life serves it once more while a new reading replaces it', async () => {
    const cache = new PageCache<string>(2000, 10, () => now);
    await cache.get('k', read('a'));
    now += 1500;
    expect(await cache.get('k', read('b'))).toBe('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', read('c'))).toBe('b');
    expect(readings).toBe(2);
  });

  it('never serves a reading older than its time to live', async () => {
    const cache = new PageCache<string>(2000, 10, () => now);
    await cache.get('k', read('a'));
    now += 2000;
    expect(await cache.get('k', read('b'))).toBe('b');
  });

  it('with a time to live of 0 reads every time', async () => {
    const cache = new PageCache<string>(0, 10, () => now);
    expect(await cache.get('k', read('a'))).toBe('a');
    expect(await cache.get('k', read('b'))).toBe('b');
  });

  it('does not keep a failed reading: the next visitor reads again', async () => {
    const cache = new PageCache<string>(2000, 10, () => now);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', read('a'))).toBe('a');
  });

  it('forgets the least recently read key beyond its limit', async () => {
    const cache = new PageCache<string>(2000, 2, () => now);
    await cache.get('x', read('x1'));
    await cache.get('y', read('y1'));
    await cache.get('z', read('z1'));
    expect(await cache.get('y', read('y2'))).toBe('y1');
    expect(await cache.get('x', read('x2'))).toBe('x2');
  });
});

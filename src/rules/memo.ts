// A bounded memo: repeated inputs cost a Map hit; the cache is dropped when it grows past `limit`
// (enough for any sheet's distinct inputs, never unbounded growth). Memoised values are shared:
// treat them as immutable.
export interface Memo<T> {
  (key: string, compute: () => T): T;
  /** Entries held now (never more than the limit). */
  readonly size: number;
}

export function memo<T>(limit = 10_000): Memo<T> {
  const cache = new Map<string, T>();
  const lookup = (key: string, compute: () => T): T => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
  return Object.defineProperty(lookup, "size", { get: () => cache.size }) as Memo<T>;
}

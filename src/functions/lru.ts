// The one cache of the custom functions: verdicts by decision key and explanations by their inputs.
// A bounded least-recently-used cache in two generations: a hit in the young map costs one Map
// read; a hit in the old one moves the entry young; when the young map fills, the old one is
// dropped whole. So at most 2 x `half` entries are held, and what a recalculation keeps using
// stays, whatever the sheet's size.
export class Lru<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly half: number) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held now (at most twice the generation size). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

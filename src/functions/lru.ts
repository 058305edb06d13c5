// The one cache of the custom functions: verdicts by decision key and explanations by their inputs.
// A bounded least-recently-used cache in two generations: a hit in the young generation costs two
// Map reads; a hit in the old one moves the entry young; when the young generation fills, the old
// one is dropped whole. So at most 2 x `half` entries are held, and what a recalculation keeps
// using stays, whatever the sheet's size.
//
// Keys come in two parts (an outer number, an inner number or text): packed decision keys are
// split into two small integers, which Maps hash much faster than one 50-bit number.
type Generation<V> = Map<number, Map<number | string, V>>;

export class Lru<V> {
  private young: Generation<V> = new Map();
  private old: Generation<V> = new Map();
  private youngSize = 0;

  constructor(private readonly half: number) {}

  get(outer: number, inner: number | string): V | undefined {
    const hit = this.young.get(outer)?.get(inner);
    if (hit !== undefined) return hit;
    const aged = this.old.get(outer)?.get(inner);
    if (aged !== undefined) this.set(outer, inner, aged);
    return aged;
  }

  set(outer: number, inner: number | string, value: V): void {
    if (this.youngSize >= this.half) {
      this.old = this.young;
      this.young = new Map();
      this.youngSize = 0;
    }
    let m = this.young.get(outer);
    if (m === undefined) this.young.set(outer, (m = new Map()));
    if (!m.has(inner)) this.youngSize++;
    m.set(inner, value);
  }
}

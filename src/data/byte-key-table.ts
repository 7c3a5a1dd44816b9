/**
 * A hash table from byte strings (customer ids, category names, straight from the CSV buffer) to
 * dense indexes 0, 1, 2, ... in order of first appearance.
 *
 * Why not a Map<string, number>: a Map needs a JavaScript string per row, i.e. UTF-8 decoding, an
 * allocation and V8's string hashing for each of millions of rows; on the ingest benchmark that
 * was 40% of the time. Here a row costs one hash over its bytes, a probe, and a byte comparison;
 * a string is made once per distinct key, when asked for.
 *
 * Layout, chosen for few cache misses when a million customers arrive in random order (on the
 * benchmark machine one miss costs about 200 ns, as much as parsing a whole row):
 * - `slots`: open addressing with linear probing, [hash, index + 1] pairs (0 = empty),
 *   power-of-two size, at most half full. A probe reads one pair, and yields the index at once,
 *   so the caller's own per-index data can be fetched while the key is being compared.
 * - `keys`: one fixed-size record per index: [length, up to 28 key bytes], or for longer keys
 *   [length, pool chunk, offset in the chunk].
 *
 * Memory per key: the 32-byte record, 16 to 32 bytes of slots (8 per slot, half to a quarter
 * full), and for keys longer than 28 bytes their bytes in the overflow pool. The pool is a list of
 * chunks of 16 MiB that are never copied or doubled, so a million keys of 256 bytes take 256 MiB of
 * pool, not up to three times that while a doubled copy is made.
 */
import { withCapacity } from './growable-array.js';

/** Ints per key record. */
const KEY_INTS = 8;
/** Key bytes stored inside the record; longer keys go to the overflow pool. */
const INLINE_BYTES = (KEY_INTS - 1) * 4;
/** Bytes of one overflow chunk (a key longer than this gets a chunk of its own). */
const OVERFLOW_CHUNK_BYTES = 16 * 1024 * 1024;

export class ByteKeyTable {
  /** Number of distinct keys. */
  size = 0;
  private slots = new Int32Array(2 * 1024);
  private slotMask = 1023;
  private keyInts = new Int32Array(512 * KEY_INTS);
  private keyBytes = new Uint8Array(this.keyInts.buffer);
  private readonly overflowChunks: Uint8Array[] = [];
  /** Bytes used in the last chunk. */
  private overflowUsed = 0;

  /** Index of the key bytes[start, end), added as a new key when absent. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(bytes, start, end);
    const slot = this.probe(bytes, start, end, hash);
    const stored = this.slots[2 * slot + 1];
    if (stored !== 0) return stored - 1;
    return this.add(bytes, start, end, hash, slot);
  }

  /**
   * Look up many keys, keys k < count being bytes[starts[k], ends[k]); write their indexes to
   * `out` (adding absent keys when `add`, else -1 for them).
   *
   * Same result as calling intern/find for each key, but done in separate loops: hash every key,
   * then read every key's home slot, then read the key record of the index found there, then do
   * the real lookups. Each of the first loops issues independent reads that the processor
   * overlaps; on the benchmark this cut the cost per lookup from about 370 ns (two cache misses
   * waited for one after the other) to well under half.
   */
  indexMany(bytes: Uint8Array, starts: Int32Array, ends: Int32Array, count: number, out: Int32Array, add: boolean): void {
    if (this.hashes.length < count) this.hashes = new Int32Array(count);
    const hashes = this.hashes;
    for (let k = 0; k < count; k++) hashes[k] = hashBytes(bytes, starts[k], ends[k]);
    // Warm-up reads: their values are summed into `warmUp` only so that they are not optimised away.
    let warmUp = 0;
    const slots = this.slots;
    const mask = this.slotMask;
    for (let k = 0; k < count; k++) warmUp += slots[2 * (hashes[k] & mask) + 1];
    const keyInts = this.keyInts;
    for (let k = 0; k < count; k++) {
      const likelyIndex = slots[2 * (hashes[k] & mask) + 1] - 1;
      if (likelyIndex >= 0) warmUp += keyInts[likelyIndex * KEY_INTS];
    }
    this.warmUp = warmUp;
    for (let k = 0; k < count; k++) {
      const slot = this.probe(bytes, starts[k], ends[k], hashes[k]);
      const stored = this.slots[2 * slot + 1];
      out[k] = stored !== 0 ? stored - 1 : add ? this.add(bytes, starts[k], ends[k], hashes[k], slot) : -1;
    }
  }

  /** Sum of the warm-up reads of indexMany (kept so the reads are not optimised away). */
  warmUp = 0;
  private hashes = new Int32Array(0);

  /** The key of `index` as text (UTF-8). */
  text(index: number): string {
    const length = this.keyInts[index * KEY_INTS];
    if (length <= INLINE_BYTES) {
      const at = index * KEY_INTS * 4 + 4;
      return Buffer.from(this.keyBytes.buffer, this.keyBytes.byteOffset + at, length).toString('utf8');
    }
    const chunk = this.overflowChunks[this.keyInts[index * KEY_INTS + 1]];
    const at = this.keyInts[index * KEY_INTS + 2];
    return Buffer.from(chunk.buffer, chunk.byteOffset + at, length).toString('utf8');
  }

  /**
   * Every key as text, index by index, releasing the overflow pool as it goes: afterwards the
   * table answers no more lookups. Long keys become slices of one string per pool chunk (when the
   * chunk is ASCII), about 32 bytes each instead of a string of their own: a million ids of 256
   * bytes then take 290 MB of strings, not 290 MB besides the 256 MB of pool.
   */
  takeTexts(): string[] {
    const texts: string[] = new Array(this.size);
    const chunkText: (string | null)[] = this.overflowChunks.map(() => null);
    // The chunk each key's bytes end in is the last one used before the next chunk starts: decode
    // a chunk once its last key is read, and drop its bytes.
    const lastKeyOfChunk = new Int32Array(this.overflowChunks.length).fill(-1);
    for (let index = 0; index < this.size; index++) {
      if (this.keyInts[index * KEY_INTS] > INLINE_BYTES) lastKeyOfChunk[this.keyInts[index * KEY_INTS + 1]] = index;
    }
    for (let index = 0; index < this.size; index++) {
      const length = this.keyInts[index * KEY_INTS];
      if (length <= INLINE_BYTES) {
        texts[index] = this.text(index);
        continue;
      }
      const chunkIndex = this.keyInts[index * KEY_INTS + 1];
      const at = this.keyInts[index * KEY_INTS + 2];
      const chunk = this.overflowChunks[chunkIndex];
      let whole = chunkText[chunkIndex];
      if (whole === null) {
        const used = chunkIndex === this.overflowChunks.length - 1 ? this.overflowUsed : chunk.length;
        const decoded = Buffer.from(chunk.buffer, chunk.byteOffset, used).toString('latin1');
        // ASCII only: character offsets are byte offsets (latin1 decodes one byte to one character).
        whole = isAscii(chunk, used) ? decoded : '';
        chunkText[chunkIndex] = whole;
      }
      texts[index] = whole !== '' ? whole.substring(at, at + length) : Buffer.from(chunk.buffer, chunk.byteOffset + at, length).toString('utf8');
      if (lastKeyOfChunk[chunkIndex] === index) {
        this.overflowChunks[chunkIndex] = EMPTY;
        chunkText[chunkIndex] = null;
      }
    }
    this.overflowChunks.length = 0;
    return texts;
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private probe(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = this.slotMask;
    let slot = hash & mask;
    for (;;) {
      const stored = slots[2 * slot + 1];
      if (stored === 0) return slot;
      if (slots[2 * slot] === hash && this.hasKey(stored - 1, bytes, start, end)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private hasKey(index: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.keyInts[index * KEY_INTS] !== length) return false;
    let pool: Uint8Array;
    let at: number;
    if (length <= INLINE_BYTES) {
      pool = this.keyBytes;
      at = index * KEY_INTS * 4 + 4;
    } else {
      pool = this.overflowChunks[this.keyInts[index * KEY_INTS + 1]];
      at = this.keyInts[index * KEY_INTS + 2];
    }
    for (let k = 0; k < length; k++) if (pool[at + k] !== bytes[start + k]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const index = this.size++;
    const length = end - start;
    if ((index + 1) * KEY_INTS > this.keyInts.length) {
      this.keyInts = withCapacity(this.keyInts, this.keyInts.length * 2);
      this.keyBytes = new Uint8Array(this.keyInts.buffer);
    }
    this.keyInts[index * KEY_INTS] = length;
    if (length <= INLINE_BYTES) {
      this.keyBytes.set(bytes.subarray(start, end), index * KEY_INTS * 4 + 4);
    } else {
      const chunks = this.overflowChunks;
      let chunk = chunks[chunks.length - 1];
      if (chunk === undefined || this.overflowUsed + length > chunk.length) {
        // The first chunk starts small and grows (small tables stay small); later ones are full size.
        const last = chunk?.length ?? 0;
        chunk = new Uint8Array(Math.max(length, Math.min(OVERFLOW_CHUNK_BYTES, Math.max(4096, last * 2))));
        chunks.push(chunk);
        this.overflowUsed = 0;
      }
      chunk.set(bytes.subarray(start, end), this.overflowUsed);
      this.keyInts[index * KEY_INTS + 1] = chunks.length - 1;
      this.keyInts[index * KEY_INTS + 2] = this.overflowUsed;
      this.overflowUsed += length;
    }
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = index + 1;
    if (this.size * 2 > this.slotMask + 1) this.rehash((this.slotMask + 1) * 2);
    return index;
  }

  private rehash(slotCount: number): void {
    const old = this.slots;
    const slots = new Int32Array(2 * slotCount);
    const mask = slotCount - 1;
    for (let oldSlot = 0; oldSlot < old.length / 2; oldSlot++) {
      const stored = old[2 * oldSlot + 1];
      if (stored === 0) continue;
      const hash = old[2 * oldSlot];
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = stored;
    }
    this.slots = slots;
    this.slotMask = mask;
  }
}

const EMPTY = new Uint8Array(0);

function isAscii(bytes: Uint8Array, length: number): boolean {
  for (let p = 0; p < length; p++) if (bytes[p] >= 0x80) return false;
  return true;
}

/**
 * 32-bit FNV-1a hash of bytes[start, end) (Fowler, Noll and Vo), finished with MurmurHash3's
 * fmix32 so that the low bits used as the slot number depend on every input bit.
 */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let p = start; p < end; p++) hash = Math.imul(hash ^ bytes[p], 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

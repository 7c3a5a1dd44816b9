/** Arrays in shared memory (SharedArrayBuffer), which worker threads read and write without a copy. */

/** A Float64Array of `length` zeros on a SharedArrayBuffer. */
export function sharedFloat64Array(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

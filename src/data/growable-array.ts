/**
 * Growing typed arrays: per-customer state lives in typed arrays indexed by customer, which are
 * reallocated at twice the size when full (amortised O(1) per customer, and far less memory and
 * garbage-collector work than one object per customer).
 */

type TypedArray = Int32Array | Uint8Array | Float64Array;

/** A copy of `array` with room for `capacity` elements (new elements are 0). */
export function withCapacity<T extends TypedArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/**
 * The versions of records a process saw last, so that its next
 * compare-and-set can go out without reading first.
 *
 * @packageDocumentation
 */
import { deepFreeze } from './immutable.js';
import type { Versioned } from './redis-records.js';

/** Records kept by default; the oldest seen is forgotten first. */
const DEFAULT_LIMIT = 4_096;

/**
 * A bounded map of the last version seen per key. A hint only: a write based
 * on it still goes through compare-and-set, and a decision that writes
 * nothing is checked against a fresh read.
 *
 * @example
 * ```ts
 * const recent = createRecentRecords<CallRecord>();
 * recent.remember('c1', { version: 3, value: call });
 * recent.get('c1')?.version; // 3
 * ```
 */
export interface RecentRecords<T> {
  get(key: string): Versioned<T> | undefined;
  /** Keep `record` (frozen) as the latest seen for `key`; returns it. */
  remember(key: string, record: Versioned<T>): Versioned<T>;
  forget(key: string): void;
}

/**
 * Make an empty {@link RecentRecords}.
 *
 * @example
 * ```ts
 * const recent = createRecentRecords<CallRecord>(1_000);
 * ```
 */
export function createRecentRecords<T>(limit = DEFAULT_LIMIT): RecentRecords<T> {
  const records = new Map<string, Versioned<T>>();
  return {
    get: (key) => records.get(key),
    remember(key, record) {
      const known = records.get(key);
      if (known && known.version > record.version) return known;
      records.delete(key);
      records.set(key, { version: record.version, value: deepFreeze(record.value) });
      if (records.size > limit) records.delete(records.keys().next().value ?? key);
      return record;
    },
    forget: (key) => void records.delete(key),
  };
}

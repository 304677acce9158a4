import type { Warehouse } from '@waymark/analytics';

/**
 * Dashboard answers, kept until the warehouse next changes. A steering group opening the same views
 * before a meeting should not make DuckDB add the same figures up again; identical requests that
 * arrive together share one computation. Keys carry everything an answer depends on (view, filters,
 * the caller's scope and whether they see exact figures, and today's date for default ranges).
 */
export class AnswerCache {
  private readonly entries = new Map<string, { generation: number; value: Promise<unknown> }>();

  constructor(
    private readonly warehouse: Pick<Warehouse, 'generation'>,
    private readonly capacity = 1_000,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const generation = this.warehouse.generation;
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.generation === generation) {
      this.entries.set(key, hit); // most recently used last
      return hit.value as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, { generation, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

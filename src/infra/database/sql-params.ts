/**
 * The parameters of one statement built from parts written in different places (e.g. a write
 * and the audit event that commits with it): each part adds its values and gets their `$n`.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly documents = new Map<object, string>();

  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }

  /**
   * `value` as JSON text (null stays NULL), sent once however many parts use the same object: a
   * write's after image is both its revision's snapshot and its audit event's `after`.
   */
  json(value: object | null): string {
    if (value === null) return this.add(null);
    let placeholder = this.documents.get(value);
    if (placeholder === undefined) {
      placeholder = this.add(JSON.stringify(value));
      this.documents.set(value, placeholder);
    }
    return placeholder;
  }
}

/** D1's answer when a statement broke a UNIQUE constraint or index (the whole batch is rolled back). */
export function isUniqueViolation(err: unknown): boolean {
  return /UNIQUE constraint failed/i.test(String((err as Error)?.message ?? err));
}

/**
 * Wraps a D1 binding to count what a flow costs: round trips (each batch() or
 * statement first/run/all/raw is one) and the statements that read or write.
 * A statement writes when it is an INSERT, UPDATE, DELETE or REPLACE (D1 sends
 * those to the primary, and each one costs a write even when it changes no row).
 */
export interface D1Counter {
  roundTrips: number;
  batches: number;
  reads: number;
  writes: number;
  /** Rows D1 says it wrote (its `meta.rows_written`: table and index rows, trigger-written ones included), for batches and run/all. */
  rowsWritten: number;
  /** Rows D1 says it read (`meta.rows_read`), what D1 bills reads by. */
  rowsRead: number;
  statements: string[];
}

const isWrite = (sql: string) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);

export function countingDb(db: D1Database) {
  const counter: D1Counter = { roundTrips: 0, batches: 0, reads: 0, writes: 0, rowsWritten: 0, rowsRead: 0, statements: [] };
  const written = (result: unknown) => {
    const meta = (result as { meta?: { rows_written?: number; rows_read?: number } } | null)?.meta;
    counter.rowsWritten += meta?.rows_written ?? 0;
    counter.rowsRead += meta?.rows_read ?? 0;
    return result;
  };
  const sqlOf = new WeakMap<D1PreparedStatement, string>();
  const note = (statement: D1PreparedStatement) => {
    const sql = sqlOf.get(statement) ?? "";
    counter.statements.push(sql.replace(/\s+/g, " ").trim());
    if (isWrite(sql)) counter.writes++;
    else counter.reads++;
  };
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    sqlOf.set(statement, sql);
    for (const method of ["first", "run", "all", "raw"] as const) {
      const original = (statement as any)[method].bind(statement);
      (statement as any)[method] = (...args: unknown[]) => {
        counter.roundTrips++;
        note(statement);
        return (original(...args) as Promise<unknown>).then(written);
      };
    }
    const bind = statement.bind.bind(statement);
    statement.bind = (...values: unknown[]) => wrap(bind(...values), sql);
    return statement;
  };
  const wrapped = {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => {
      counter.roundTrips++;
      counter.batches++;
      statements.forEach(note);
      return db.batch(statements).then((results) => {
        results.forEach(written);
        return results;
      });
    },
    exec: (sql: string) => {
      counter.roundTrips++;
      return db.exec(sql);
    },
  } as unknown as D1Database;
  return { db: wrapped, counter };
}

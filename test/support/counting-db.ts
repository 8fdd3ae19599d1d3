/** Wraps a D1 binding to count round trips: each batch() or statement first/run/all/raw is one. */
export function countingDb(db: D1Database) {
  const counter = { roundTrips: 0, batches: 0 };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    for (const method of ["first", "run", "all", "raw"] as const) {
      const original = (statement as any)[method].bind(statement);
      (statement as any)[method] = (...args: unknown[]) => {
        counter.roundTrips++;
        return original(...args);
      };
    }
    const bind = statement.bind.bind(statement);
    statement.bind = (...values: unknown[]) => wrap(bind(...values));
    return statement;
  };
  const wrapped = {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      counter.roundTrips++;
      counter.batches++;
      return db.batch(statements);
    },
    exec: (sql: string) => {
      counter.roundTrips++;
      return db.exec(sql);
    },
  } as unknown as D1Database;
  return { db: wrapped, counter };
}

/**
 * The one mapping from what was thrown to the one wire error shape: D1's transient failures are a
 * retryable 503, anything unknown a 500 without detail; what happened goes to the logs only.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../worker/errors";
import { toWireError } from "../../worker/http/errors-to-wire";
import { expectLogged } from "../support/logs";

const wire = (e: AppError) => ({ status: e.status, ...e.toJSON() });

describe("toWireError", () => {
  it("answers D1's transient failures with a retryable 503", () => {
    for (const message of [
      "D1_ERROR: Network connection lost.",
      "D1_ERROR: D1 DB is overloaded. Requests queued for too long.",
      "D1_ERROR: Durable Object reset because its code was updated.",
    ]) {
      expect(wire(toWireError(new Error(message)))).toEqual({
        status: 503,
        error: { code: "service_unavailable", message: "The service is briefly unavailable. Please try again in a moment." },
      });
    }
    expect(expectLogged("database_unavailable")).toHaveLength(3);
  });

  it("answers anything else unknown with a 500 that says nothing of it", () => {
    expect(wire(toWireError(new Error("D1_ERROR: no such column: secret_thing")))).toEqual({
      status: 500,
      error: { code: "internal_error", message: "Something went wrong on our side. Please try again in a moment." },
    });
    expectLogged("unhandled_error");
  });
});

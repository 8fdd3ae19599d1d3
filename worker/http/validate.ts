/**
 * Input parsing with zod/mini: one place turns a schema failure into the §4 error
 * shape, with a sentence that names the field. zod/mini ships no message locale
 * (that is much of why it is small), so the sentences are made here from the issue.
 */
import type * as z from "zod/mini";
import { AppError } from "../errors";

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): string {
  const custom = issue.message && issue.message !== "Invalid input" ? issue.message : null;
  if (custom) return custom;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required" : `must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_big":
      return issue.origin === "string" ? `must be at most ${issue.maximum} characters` : issue.origin === "array" ? `must have at most ${issue.maximum} items` : `must be at most ${issue.maximum}`;
    case "too_small":
      return issue.origin === "string" ? (issue.minimum === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`) : issue.origin === "array" ? `must have at least ${issue.minimum} items` : `must be at least ${issue.minimum}`;
    case "invalid_format":
      return "has an invalid format";
    case "unrecognized_keys":
      return `has unknown fields: ${issue.keys.join(", ")}`;
    default:
      return "is not valid";
  }
}

export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown, what = "request"): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `${issue.path.join(".")} ` : "";
  throw new AppError(400, "invalid_request", `Invalid ${what}: ${where}${describe(issue)}.`);
}

/** A JSON body, or a clear 400 when it is not JSON. */
export async function jsonBody(req: { json: () => Promise<unknown> }): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError(400, "invalid_json", "The request body must be JSON.");
  }
}

/** A form body (urlencoded or multipart), or a clear 400 when it cannot be parsed. */
export async function formBody(req: { parseBody: () => Promise<Record<string, unknown>> }): Promise<Record<string, unknown>> {
  try {
    return await req.parseBody();
  } catch {
    throw new AppError(400, "invalid_form", "The request body must be a form.");
  }
}

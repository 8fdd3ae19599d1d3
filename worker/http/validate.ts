/** Input parsing with zod: one place turns a schema failure into the §4 error shape. */
import type { z } from "zod";
import { AppError } from "../errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "request"): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  throw new AppError(400, "invalid_request", `Invalid ${what}: ${where}${issue.message}`);
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

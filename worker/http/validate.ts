/**
 * Input parsing with zod/mini: one place turns a schema failure into the one error
 * shape, with a sentence that names the field. zod/mini ships no message locale
 * (that is much of why it is small), so the sentences are made here from the issue.
 */
import type * as z from "zod/mini";
import { AppError } from "../errors";
import type { InputPart } from "../error-messages";

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  array: "a list",
  object: "an object",
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/** The value the issue is about: zod does not report inputs unless asked, so it is looked up. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describe(issue: Issue, input: unknown): string {
  const custom = issue.message && issue.message !== "Invalid input" ? issue.message : null;
  if (custom) return custom;
  switch (issue.code) {
    case "invalid_type": {
      const value = valueAt(input, issue.path);
      if (value === undefined) return "is required";
      if (!issue.path.length && issue.expected === "object") return "the body must be a JSON object";
      return `must be ${TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`}${value === null ? ", not null" : ""}`;
    }
    case "invalid_value":
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_big":
      return issue.origin === "string"
        ? `must be at most ${issue.maximum} characters`
        : issue.origin === "array"
          ? `must have at most ${issue.maximum} items`
          : `must be at most ${issue.maximum}`;
    case "too_small":
      return issue.origin === "string"
        ? issue.minimum === 1
          ? "must not be empty"
          : `must be at least ${issue.minimum} characters`
        : issue.origin === "array"
          ? `must have at least ${issue.minimum} items`
          : `must be at least ${issue.minimum}`;
    case "invalid_format":
      return "has an invalid format";
    case "unrecognized_keys":
      return `has unknown fields: ${issue.keys.join(", ")}`;
    default:
      return "is not valid";
  }
}

export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown, what: InputPart): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `${issue.path.join(".")} ` : "";
  throw new AppError(400, "invalid_request", { what, problem: `${where}${describe(issue, input)}` });
}

/** A JSON body: 415 when it is sent as something else, a clear 400 when it does not parse. */
export async function jsonBody(req: { json: () => Promise<unknown>; header: (name: string) => string | undefined }): Promise<unknown> {
  const type = req.header("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !type?.endsWith("+json")) {
    throw new AppError(415, "unsupported_media_type");
  }
  try {
    return await req.json();
  } catch {
    throw new AppError(400, "invalid_json");
  }
}

/** A form body (urlencoded or multipart), or a clear 400 when it cannot be parsed. */
export async function formBody(req: { parseBody: () => Promise<Record<string, unknown>> }): Promise<Record<string, unknown>> {
  try {
    return await req.parseBody();
  } catch {
    throw new AppError(400, "invalid_form");
  }
}

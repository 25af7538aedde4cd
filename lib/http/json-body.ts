import type { z } from "zod";
import { HttpError } from "./errors";

/**
 * A route's JSON body, validated by its zod schema: 413 past `maxBytes`, 400
 * `invalid_json` for what is not JSON, and zod's own error (400 `invalid`
 * through errorResponse) for the wrong shape. An empty body is `{}`, so the
 * schema names what is missing.
 */
export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes: number): Promise<z.output<S>> {
  const raw = await req.text();
  if (raw.length > maxBytes) throw new HttpError(413, "too_large", "Request body too large.");
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
  return schema.parse(json);
}

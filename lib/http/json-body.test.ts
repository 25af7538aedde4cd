import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse } from "./errors";
import { readJsonBody } from "./json-body";

const schema = z.object({ name: z.string().min(1, "Enter your name.") });
const post = (body: string) => new Request("http://roster.test/api/x", { method: "POST", body });

/** What the caller gets: readJsonBody's value, or the JSON error the route answers with. */
async function answer(body: string, maxBytes = 64) {
  try {
    return { value: await readJsonBody(post(body), schema, maxBytes) };
  } catch (e) {
    const res = errorResponse(e);
    return { status: res.status, error: ((await res.json()) as { error: { code: string; message: string } }).error };
  }
}

describe("readJsonBody", () => {
  it("returns the parsed body", async () => {
    expect(await answer('{"name":"Ada"}')).toEqual({ value: { name: "Ada" } });
  });

  it.each([
    ["too large", `{"name":"${"a".repeat(100)}"}`, 413, { code: "too_large", message: "Request body too large." }],
    ["not JSON", "{name:", 400, { code: "invalid_json", message: "The request body is not valid JSON." }],
    ["the wrong shape", '{"name":""}', 400, { code: "invalid", message: "name: Enter your name." }],
    ["empty: the schema names what is missing", "", 400, { code: "invalid", message: expect.stringMatching(/^name: /) }],
  ])("%s", async (_, body, status, error) => {
    expect(await answer(body)).toEqual({ status, error });
  });
});

import { describe, expect, it } from "vitest";
import { together } from "./together";

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number, message: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe("together", () => {
  it("gives each step's value in argument order, whatever order they finish in", async () => {
    expect(await together(after(20, "a"), after(1, 2), after(10, true))).toEqual(["a", 2, true]);
  });

  it("fails with the first failure in argument order, not the first in time, and only once every step has settled", async () => {
    let lastDone = false;
    const last = after(30, "done").then((v) => ((lastDone = true), v));
    await expect(together(after(1, "ok"), failAfter(20, "first in order"), failAfter(1, "first in time"), last)).rejects.toThrow("first in order");
    expect(lastDone).toBe(true);
  });
});

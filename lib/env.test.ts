import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment", () => {
  it("has working defaults for a laptop", () => {
    const e = parseEnv({ NODE_ENV: "development" });
    expect(e).toMatchObject({ PORT: 3000, APP_URL: "http://localhost:3000", DATA_DIR: ".data", SCIM_RATE_LIMIT: 1200 });
    expect(e.DATABASE_URL).toBeUndefined();
  });

  it("treats blank values as unset and trims the trailing slash of APP_URL", () => {
    const e = parseEnv({ NODE_ENV: "development", DATABASE_URL: " ", APP_URL: "https://roster.example.com/", PORT: "" });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.APP_URL).toBe("https://roster.example.com");
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must be a postgres:// or postgresql:// URL"],
    [{ APP_URL: "roster.example.com" }, "APP_URL: must be an absolute URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET: must be at least 32 characters"],
    [{ SCIM_RATE_LIMIT: "-1" }, "SCIM_RATE_LIMIT"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL: must be an smtp:// or smtps:// URL"],
    [{ NODE_ENV: "production" }, "AUTH_SECRET: required in production"],
  ])("refuses %j with a message naming the variable", (vars, message) => {
    expect(() => parseEnv({ NODE_ENV: "development", ...vars } as NodeJS.ProcessEnv)).toThrow(message);
  });
});

import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, SOVRA_DATA_DIR: ".data", EMBEDDED_DB_PORT: 54329 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty variable as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it("reads PORT as a number", () => {
    expect(parseEnv({ PORT: "4100" }).PORT).toBe(4100);
  });

  it("names every bad variable in one message", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "99999", AUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ URL.*AUTH_SECRET: must be at least 32 characters.*PORT/,
    );
  });
});

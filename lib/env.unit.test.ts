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

  it("reads how many imports run at once in a process, 2 by default, and refuses 0", () => {
    expect(parseEnv({}).SOVRA_IMPORT_CONCURRENCY).toBe(2);
    expect(parseEnv({ SOVRA_IMPORT_CONCURRENCY: "4" }).SOVRA_IMPORT_CONCURRENCY).toBe(4);
    expect(() => parseEnv({ SOVRA_IMPORT_CONCURRENCY: "0" })).toThrow(/SOVRA_IMPORT_CONCURRENCY/);
  });

  it("believes no forwarding header unless trusted proxies are configured", () => {
    expect(parseEnv({}).SOVRA_TRUSTED_PROXIES).toBe(0);
    expect(parseEnv({ SOVRA_TRUSTED_PROXIES: "2" }).SOVRA_TRUSTED_PROXIES).toBe(2);
    expect(() => parseEnv({ SOVRA_TRUSTED_PROXIES: "-1" })).toThrow(/SOVRA_TRUSTED_PROXIES/);
  });

  it("needs a sender and Sovra's public address once SMTP is configured, and no request's Host for links", () => {
    expect(() => parseEnv({ SOVRA_SMTP_URL: "smtp://mail.example.com:587" })).toThrow(/SOVRA_MAIL_FROM.*SOVRA_PUBLIC_URL/);
    expect(parseEnv({ SOVRA_SMTP_URL: "smtp://u:p@mail.example.com:587", SOVRA_MAIL_FROM: "Sovra <s@example.com>", SOVRA_PUBLIC_URL: "https://sovra.example.com" })).toMatchObject({ SOVRA_PUBLIC_URL: "https://sovra.example.com" });
    expect(() => parseEnv({ SOVRA_PUBLIC_URL: "javascript:alert(1)" })).toThrow(/SOVRA_PUBLIC_URL/);
    expect(() => parseEnv({ SOVRA_SMTP_URL: "http://mail.example.com" })).toThrow(/SOVRA_SMTP_URL/);
  });

  it("names every bad variable in one message", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "99999", AUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ URL.*AUTH_SECRET: must be at least 32 characters.*PORT/,
    );
  });
});

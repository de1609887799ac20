import { describe, expect, it } from "vitest";
import { assertAcceptablePassword, assessPassword, contextWords, PASSWORD_MESSAGES } from "./password-policy";
import breached from "./breached-passwords.json";
import { MAX_PASSWORD_LENGTH } from "./password-rules";

const dana = { name: "Dana Schmidt", email: "dana.schmidt@mainfeld.example", organisationName: "Mainfeld Maschinenbau AG" };

describe("the password policy", () => {
  it.each(["aaaaaaaaaaaa", "password1234", "PassWord1234", "qwertyuiop123", "iloveyou1234", "123456789012"])("refuses %s, which only its length let through before", (password) => {
    expect(assessPassword(password, {}).acceptable).toBe(false);
  });

  it("refuses what is on the shipped list of breached passwords, in any case", () => {
    expect(assessPassword("password1234").problems).toContain(PASSWORD_MESSAGES.breached);
    expect(assessPassword("PASSWORD1234").problems).toContain(PASSWORD_MESSAGES.breached);
  });

  it("ships a list of thousands of breached passwords that the length rule alone would accept", () => {
    expect(breached.length).toBeGreaterThan(10_000);
    expect(breached.every((p: string) => p.length >= 12 && p === p.toLowerCase())).toBe(true);
  });

  it.each(["dana.schmidt2026", "Schmidt!Dana!77", "danaschmidt!!!", "mainfeld-dana-1", "Sovra-Sovra-2026"])("refuses %s, built from the person's own name, email or organisation", (password) => {
    expect(assessPassword(password, dana).problems).toContain(PASSWORD_MESSAGES.context);
  });

  it("refuses repeats, keyboard walks and sequences as easy to guess", () => {
    for (const password of ["abcabcabcabc", "1qaz2wsx3edc4rfv", "zxcvbnmasdfgh"]) expect(assessPassword(password).acceptable).toBe(false);
  });

  it.each(["lilac otter quarry tuesday", "correct-horse-battery-staple", "a long enough password", "Dana likes 3 green kayaks"])("accepts %s", (password) => {
    expect(assessPassword(password, dana)).toMatchObject({ acceptable: true, problems: [] });
  });

  it("asks for 12 characters first, and never scores a refused password as strong", () => {
    expect(assessPassword("short", {})).toMatchObject({ acceptable: false, score: 0, problems: ["Use at least 12 characters"] });
    for (const password of ["password1234", "dana.schmidt2026"]) expect(assessPassword(password, dana).score).toBeLessThan(3);
  });

  it("takes the person's words from the name, the email's local part and domain, and the organisation", () => {
    expect(contextWords(dana)).toEqual(expect.arrayContaining(["dana", "schmidt", "danaschmidt", "mainfeld", "maschinenbau", "sovra"]));
    expect(contextWords(dana)).not.toContain("example");
  });

  it("permits long passphrases, 64 characters and up to 200, and says so beyond", () => {
    const words = "violet harbour sixty crane ledger mosaic tundra pepper walnut quiver anchor bishop meadow copper lantern orbit glacier saffron thimble quartz ember falcon willow zephyr pylon juniper marble cobalt heron";
    expect(words.length).toBeGreaterThan(MAX_PASSWORD_LENGTH);
    for (const length of [64, 128, MAX_PASSWORD_LENGTH]) expect(assessPassword(words.slice(0, length), dana), String(length)).toMatchObject({ acceptable: true, problems: [] });
    expect(assessPassword(words.slice(0, MAX_PASSWORD_LENGTH + 1), dana).problems).toEqual([`Use at most ${MAX_PASSWORD_LENGTH} characters`]);
  });

  it("answers quickly even for a long hostile password", () => {
    const started = performance.now();
    assessPassword("p4$$w0rd".repeat(25), dana);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("throws INVALID_INPUT with the problems under the field for a mutation", () => {
    expect(() => assertAcceptablePassword("password1234", {}, "newPassword")).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: { fieldErrors: { newPassword: [PASSWORD_MESSAGES.breached] } } }));
    expect(() => assertAcceptablePassword("lilac otter quarry tuesday", dana)).not.toThrow();
  });

  it("takes the words of 3 or more letters, an organisation's of 4 or more, not the top-level domain, longest first", () => {
    const words = contextWords({ name: "Jean-Luc O'Neil", email: "jl.o+work@corp.mainfeld.example", organisationName: "Big Acme Company" });
    // Longest first, so "danaschmidt" is taken out of a password before "dana" is.
    expect(words).toEqual(["mainfeld", "jlowork", "company", "sovra", "jean", "neil", "work", "corp", "acme", "luc"]);
  });

  it("calls a password built from the person's words when fewer than 6 other letters or digits remain", () => {
    expect(assessPassword("Schmidt Dana kayak", dana).problems).toContain(PASSWORD_MESSAGES.context);
    expect(assessPassword("Schmidt Dana !!!!!!!", dana).problems).toContain(PASSWORD_MESSAGES.context);
    expect(assessPassword("Schmidt Dana kayak9", dana).problems).not.toContain(PASSWORD_MESSAGES.context);
    expect(assessPassword("!!!!!!!!!!!12345", dana).problems).not.toContain(PASSWORD_MESSAGES.context);
  });

  it("accepts a password zxcvbn rates strong (3), and refuses dictionary words that no breach list holds", () => {
    expect(assessPassword("purple monkey12", dana)).toMatchObject({ acceptable: true, score: 3, problems: [] });
    const words = assessPassword("baseballfootball", dana);
    expect(words.acceptable).toBe(false);
    expect(words.problems).not.toContain(PASSWORD_MESSAGES.breached);
    expect(words.problems.join(" ")).toContain(PASSWORD_MESSAGES.guessable);
  });

  it("puts the problems under `password` unless told otherwise, with a plain message", () => {
    expect(() => assertAcceptablePassword("password1234", {})).toThrow(expect.objectContaining({ message: "Choose a stronger password.", details: { fieldErrors: { password: [PASSWORD_MESSAGES.breached] } } }));
  });
});


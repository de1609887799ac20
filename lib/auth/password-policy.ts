import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import breachedList from "@/lib/auth/breached-passwords.json";
import { foldPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { AppError } from "@/lib/errors";

// What a new password must pass (docs/decisions/028; OWASP ASVS 5.0 V6.2): at least 12
// characters, not on the shipped list of breached and common passwords, not built from the
// person's name or email address, and not easy to guess as zxcvbn estimates it (a score of 3 of
// 4, about 10^8 guesses). No composition rules. The same function serves the server's check and
// the strength meter in the browser (loaded only when someone types a new password), so the
// meter never promises what the server then refuses. Everything runs locally: no network.

export interface PasswordContext {
  email?: string | null;
  name?: string | null;
  organisationName?: string | null;
}

export interface PasswordAssessment {
  /** Nothing in `problems`: the server will accept it. */
  acceptable: boolean;
  /** zxcvbn's 0 (too guessable) to 4 (very unguessable); 0 whenever a rule refuses it. */
  score: 0 | 1 | 2 | 3 | 4;
  /** "Very weak" … "Very strong", for the meter. */
  label: string;
  /** Why it would be refused, in the user's words (empty when acceptable). */
  problems: string[];
}

export const REQUIRED_SCORE = 3;
const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

export const PASSWORD_MESSAGES = {
  breached: "This password appears in lists of breached or common passwords. Choose another.",
  context: "Do not build your password from your name, your email address or the product's name.",
  guessable: "This password is easy to guess. Add another word or two: a few unrelated words are easy to remember and hard to guess.",
} as const;

let breached: Set<string> | undefined;
let zxcvbn: ZxcvbnFactory | undefined;

function factory(): ZxcvbnFactory {
  return (zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, "breached-sovra": breachedList as string[] },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
    // Bounds the work per check (a hostile 200-character password took seconds): the first 64
    // characters decide, and a password that long and not refused is strong anyway.
    maxLength: 64,
    l33tMaxSubstitutions: 12,
  }));
}

/** Words of the person's name, email address and organisation (and the product's), folded, 3+ characters. */
export function contextWords(context: PasswordContext): string[] {
  const words = new Set<string>(["sovra"]);
  const add = (raw: string | undefined) => {
    const word = foldPassword(raw ?? "").replace(/[^\p{L}\p{N}]/gu, "");
    if (word.length >= 3) words.add(word);
  };
  for (const part of (context.name ?? "").split(/[\s._'’@+-]+/)) add(part);
  const [local, domain] = (context.email ?? "").split("@");
  add(local);
  for (const part of (local ?? "").split(/[._+-]+/)) add(part);
  const labels = (domain ?? "").split(".");
  for (const label of labels.slice(0, -1)) add(label); // not the top-level domain
  for (const part of (context.organisationName ?? "").split(/\s+/)) if ((part ?? "").length >= 4) add(part);
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * Whether the password is mostly the person's own words: with every name and email word taken
 * out, fewer than 6 letters or digits remain ("dana.schmidt2026", "Schmidt!Dana!").
 */
function builtFromContext(password: string, words: readonly string[]): boolean {
  let rest = foldPassword(password);
  let found = false;
  for (const word of words) {
    if (!rest.includes(word)) continue;
    found = true;
    rest = rest.replaceAll(word, "");
  }
  return found && rest.replace(/[^\p{L}\p{N}]/gu, "").length < 6;
}

function guessabilityProblem(result: ZxcvbnResult): string | null {
  if (result.score >= REQUIRED_SCORE) return null;
  const warning = result.feedback.warning;
  return warning ? `${warning} ${PASSWORD_MESSAGES.guessable}` : PASSWORD_MESSAGES.guessable;
}

/**
 * Judges a new password for a person. Pure and local; about 50 ms (the first call builds the
 * dictionaries, a few hundred ms).
 * @example assessPassword("password1234", {}).acceptable // false: on the breached list
 * @example assessPassword("lilac otter quarry tuesday", { name: "Dana Schmidt" }).acceptable // true
 */
export function assessPassword(password: string, context: PasswordContext = {}): PasswordAssessment {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`Use at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`Use at most ${MAX_PASSWORD_LENGTH} characters`);
  if (problems.length) return { acceptable: false, score: 0, label: LABELS[0], problems };

  breached ??= new Set(breachedList as string[]);
  const isBreached = breached.has(foldPassword(password));
  if (isBreached) problems.push(PASSWORD_MESSAGES.breached);
  const words = contextWords(context);
  if (builtFromContext(password, words)) problems.push(PASSWORD_MESSAGES.context);
  const result = factory().check(password, words);
  const guessable = guessabilityProblem(result);
  if (guessable && !isBreached) problems.push(guessable);
  const score = problems.length ? (Math.min(result.score, REQUIRED_SCORE - 1) as 0 | 1 | 2) : result.score;
  return { acceptable: problems.length === 0, score, label: LABELS[score], problems };
}

/** For mutations: throws INVALID_INPUT with the problems under `field` unless the password is acceptable. */
export function assertAcceptablePassword(password: string, context: PasswordContext, field = "password"): void {
  const { acceptable, problems } = assessPassword(password, context);
  if (!acceptable) throw new AppError("INVALID_INPUT", "Choose a stronger password.", { fieldErrors: { [field]: problems } });
}

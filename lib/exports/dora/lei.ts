// The Legal Entity Identifier (ISO 17442): 18 letters or digits, then two check digits chosen so
// that the whole code, read as a number with A=10 ... Z=35, leaves 1 when divided by 97 (ISO 7064
// MOD 97-10, as IBANs). The DORA Register of Information identifies the reporting entity by it
// (B_01.01 c0010, parameters.csv entityID, the package's file name). Pure: no I/O.

/** The shape the database's CHECK also enforces on Organisation.lei. */
export const LEI_PATTERN = /^[A-Z0-9]{18}[0-9]{2}$/;

/**
 * What a person typed, as an LEI is written: spaces removed, upper case.
 * @example normaliseLei(" 5299 00t8bm49aursdo55 ") // "529900T8BM49AURSDO55"
 */
export const normaliseLei = (input: string): string => input.replace(/\s+/g, "").toUpperCase();

/**
 * The remainder of the code modulo 97, letters counted A=10 ... Z=35, digit by digit so that no
 * number grows beyond a few digits. 1 for a valid LEI; NaN for a character outside A-Z and 0-9.
 * @example leiRemainder("529900T8BM49AURSDO55") // 1
 */
export function leiRemainder(code: string): number {
  let remainder = 0;
  for (const ch of code) {
    const c = ch.charCodeAt(0);
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : NaN;
    if (Number.isNaN(value)) return NaN;
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder;
}

/**
 * Why `lei` is not a valid LEI, in words a person can act on; null when it is one.
 * @example leiProblem("529900T8BM49AURSDO55") // null
 * @example leiProblem("529900T8BM49AURSDO56") // "The check digits (the last two) do not match ..."
 */
export function leiProblem(lei: string): string | null {
  if (lei.length !== 20) return `An LEI has 20 characters; this one has ${lei.length}.`;
  if (!/^[A-Z0-9]+$/.test(lei)) return "An LEI has only capital letters A-Z and digits.";
  if (!LEI_PATTERN.test(lei)) return "The last two characters of an LEI are its check digits: they must be digits.";
  if (leiRemainder(lei) !== 1) return "The check digits (the last two) do not match the first 18 characters: look for a typing error, or copy the LEI from the GLEIF register.";
  return null;
}

/**
 * Whether `lei` is a well-formed LEI with valid check digits (exactly as written: normalise first).
 * @example isValidLei("5493001KJTIIGC8Y1R12") // true
 */
export const isValidLei = (lei: string): boolean => leiProblem(lei) === null;

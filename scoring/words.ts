/**
 * A name in the possessive, as English writes it for names: "Mainfeld's", but "Amazon Web
 * Services'" (a name ending in s takes the apostrophe alone).
 */
export function possessive(name: string): string {
  return /s$/i.test(name.trim()) ? `${name.trim()}'` : `${name.trim()}'s`;
}

/** "1 hour", "3 hours", "1 AI system", "2 AI systems": a count with its noun (the plural given when it is not noun + s). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? noun : plural}`;
}

/** A label inside a sentence: "Vendor" -> "vendor", but "AI system" and "EU AI Act" keep their capitals. */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** An access path as a sentence says it: "direct API", "cloud marketplace", "third-party hosted", "self-hosted". */
export const ACCESS_PATH_WORDS: Readonly<Record<string, string>> = {
  "direct-api": "direct API",
  "cloud-marketplace": "cloud marketplace",
  "third-party-hosted": "third-party hosted",
  "self-hosted": "self-hosted",
};

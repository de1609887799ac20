import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

// Debian's Chromium as every part of Sovra starts it: the board report's renderer, the browser
// journeys (playwright.config.ts) and the benchmarks. No `playwright install`: nothing is downloaded.

/** The flags without which headless Chromium stalls here on refused connections (docs/ENVIRONMENT). */
const QUIET_HEADLESS_ARGS = [
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium: the browser journeys' and benchmarks' browser. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Debian's package chromium-headless-shell: Chromium's headless-only build, without the browser's own UI.
 * The binary itself, not /usr/bin/chromium-headless-shell: that is a shell script that runs it as
 * its child without exec, so the browser would not be the process Playwright starts and stops.
 */
export const HEADLESS_SHELL_PATH = "/usr/lib/chromium/chromium-headless-shell";

/**
 * The browser that prints the board report: CHROMIUM_PATH when set; else the headless shell when
 * it is installed, which prints a report ~35% faster than the full browser here (the full browser
 * in headless mode still loads its own UI pages, such as the address bar's popup, into every new
 * window: decision 024); else /usr/bin/chromium.
 */
export function reportChromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    accessSync(HEADLESS_SHELL_PATH, constants.X_OK);
    return HEADLESS_SHELL_PATH;
  } catch {
    return "/usr/bin/chromium";
  }
}

// --- Chromium's sandbox (docs/decisions/032) ---------------------------------------------------
// The board report's Chromium loads pages built from what users typed. Its sandbox confines each
// renderer (seccomp-bpf, and its own user, PID and network namespaces), so that a renderer exploit
// does not run with the server's rights. On Linux it needs either unprivileged user namespaces or
// the setuid helper `chrome-sandbox` beside the browser (Debian: package chromium-sandbox), and
// Chromium refuses it to root altogether.

/** SOVRA_CHROMIUM_SANDBOX: auto decides from the system; on and off force it. */
export type ChromiumSandboxMode = "auto" | "on" | "off";

/** What the choice depends on, read from the system by `readSandboxHost()`. */
export interface SandboxHost {
  platform: NodeJS.Platform;
  /** The user Sovra runs as (undefined where there are no POSIX users). */
  uid: number | undefined;
  /** This user can create a user namespace with its own PID and network namespaces (what Chromium's sandbox creates). */
  userNamespaces: boolean;
  /** Chromium's setuid sandbox helper, when installed where this browser looks for it. */
  setuidHelper: string | null;
}

export interface SandboxChoice {
  sandbox: boolean;
  /** Why, in words for the start-up log. */
  reason: string;
}

/**
 * Whether to run Chromium with its sandbox: as forced, else whenever Chromium can have it here.
 *
 * @example
 * chooseChromiumSandbox("auto", { platform: "linux", uid: 0, userNamespaces: true, setuidHelper: null })
 * // { sandbox: false, reason: "Sovra runs as root, and Chromium refuses its sandbox to root" }
 */
export function chooseChromiumSandbox(mode: ChromiumSandboxMode, host: SandboxHost): SandboxChoice {
  if (mode === "off") return { sandbox: false, reason: "SOVRA_CHROMIUM_SANDBOX=off" };
  if (mode === "on") return { sandbox: true, reason: "SOVRA_CHROMIUM_SANDBOX=on" };
  if (host.uid === 0) return { sandbox: false, reason: "Sovra runs as root, and Chromium refuses its sandbox to root" };
  if (host.platform !== "linux") return { sandbox: true, reason: `Chromium's own sandbox on ${host.platform}` };
  if (host.userNamespaces) return { sandbox: true, reason: "unprivileged user namespaces" };
  if (host.setuidHelper) return { sandbox: true, reason: `the setuid sandbox helper ${host.setuidHelper}` };
  return {
    sandbox: false,
    reason: "this system lets no unprivileged user create user namespaces, and Chromium's setuid sandbox helper is not installed (Debian: apt-get install chromium-sandbox)",
  };
}

const HOW_TO_SANDBOX = 'Run Sovra as an unprivileged user on a system with user namespaces or Chromium\'s setuid sandbox helper (README: "Chromium\'s sandbox").';

/**
 * What the start-up says about the sandbox: nothing when Chromium gets it; a warning when it
 * runs without, or is forced on where it cannot start; fatal when forced on as root.
 */
export function sandboxNotice(mode: ChromiumSandboxMode, host: SandboxHost): { fatal: boolean; message: string } | null {
  const choice = chooseChromiumSandbox(mode, host);
  if (!choice.sandbox) return { fatal: false, message: `the board report's Chromium runs without its sandbox: ${choice.reason}. ${HOW_TO_SANDBOX}` };
  if (mode !== "on" || host.platform !== "linux") return null;
  if (host.uid === 0) return { fatal: true, message: `SOVRA_CHROMIUM_SANDBOX=on, but Sovra runs as root, and Chromium refuses its sandbox to root. ${HOW_TO_SANDBOX} Or set SOVRA_CHROMIUM_SANDBOX=auto.` };
  if (!host.userNamespaces && !host.setuidHelper)
    return { fatal: false, message: `SOVRA_CHROMIUM_SANDBOX=on, but this system lets no unprivileged user create user namespaces and has no setuid sandbox helper: Chromium cannot start, so board reports fail. ${HOW_TO_SANDBOX}` };
  return null;
}

/** Chromium's command-line flags; `--no-sandbox` only when the sandbox is off. */
export function chromiumArgs(sandbox: boolean): string[] {
  return sandbox ? [...QUIET_HEADLESS_ARGS] : ["--no-sandbox", ...QUIET_HEADLESS_ARGS];
}

/**
 * playwright-core's launch options for a Chromium with or without its sandbox. Playwright adds
 * `--no-sandbox` itself unless told `chromiumSandbox: true`, so the flags alone are not enough.
 */
export function chromiumLaunchOptions(executablePath: string, choice: SandboxChoice = chromiumSandbox(executablePath)) {
  return { executablePath, args: chromiumArgs(choice.sandbox), chromiumSandbox: choice.sandbox };
}

const choices = new Map<string, SandboxChoice>();

/** The choice for this process and browser (SOVRA_CHROMIUM_SANDBOX, else the system), worked out once. */
export function chromiumSandbox(executablePath = reportChromiumPath(), mode: ChromiumSandboxMode = env().SOVRA_CHROMIUM_SANDBOX): SandboxChoice {
  const key = `${mode}\0${executablePath}`;
  let choice = choices.get(key);
  if (!choice) {
    choice = chooseChromiumSandbox(mode, readSandboxHost(executablePath));
    choices.set(key, choice);
  }
  return choice;
}

/** Reads what the sandbox choice depends on from this system (a few milliseconds: one `unshare` run). */
export function readSandboxHost(executablePath: string): SandboxHost {
  const uid = process.getuid?.();
  const linux = process.platform === "linux";
  // As root the answer is no whatever the system allows: spare the probes.
  const probe = linux && uid !== 0;
  return { platform: process.platform, uid, userNamespaces: probe && canCreateUserNamespaces(), setuidHelper: probe ? findSetuidHelper(executablePath) : null };
}

/** Tries what Chromium's namespace sandbox does: a new user namespace with its own PID and network namespaces. */
function canCreateUserNamespaces(): boolean {
  const run = spawnSync("unshare", ["--user", "--pid", "--net", "--fork", "true"], { stdio: "ignore", timeout: 5_000 });
  if (!run.error) return run.status === 0;
  // No unshare(1) (util-linux): the kernel's switches say whether it is allowed at all.
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8").trim();
    } catch {
      return null;
    }
  };
  const max = read("/proc/sys/user/max_user_namespaces");
  return max !== null && max !== "0" && read("/proc/sys/kernel/unprivileged_userns_clone") !== "0" && read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") !== "1";
}

/**
 * Chromium looks for `chrome-sandbox` beside its own binary; Debian's /usr/bin/chromium is a
 * script that runs /usr/lib/chromium/chromium. The helper only works setuid root.
 */
function findSetuidHelper(executablePath: string): string | null {
  let real = executablePath;
  try {
    real = realpathSync(executablePath);
  } catch {
    // not installed: no helper either
  }
  const candidates = [path.join(path.dirname(real), "chrome-sandbox")];
  if (real === "/usr/bin/chromium") candidates.push("/usr/lib/chromium/chrome-sandbox");
  for (const candidate of candidates) {
    try {
      // A path outside the project, found at run time: not for the bundler to trace (it would
      // otherwise copy the whole project into the server output).
      const stat = statSync(/*turbopackIgnore: true*/ candidate);
      if (stat.uid === 0 && (stat.mode & 0o4000) !== 0 && (stat.mode & 0o001) !== 0) return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

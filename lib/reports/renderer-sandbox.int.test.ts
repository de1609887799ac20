// The board report's Chromium runs in its sandbox when Sovra runs as an unprivileged user
// (docs/decisions/032). Chromium refuses its sandbox to root, and the tests here run as root: so
// the real renderer prints a stand-in report in a process of its own, started as the unprivileged
// user `nobody` when the tests run as root (as the test's own user otherwise), and reports how the
// kernel confines its renderer processes while the page is open: a seccomp-bpf filter and a PID
// namespace of their own, which `--no-sandbox` leaves out. A control run with the sandbox turned
// off shows that the check tells the two apart. A system that gives an unprivileged user neither
// user namespaces nor the setuid helper skips the first test, saying so.
import { spawn } from "node:child_process";
import { chownSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RenderReportResult } from "@/lib/testing/render-report-process";

const SCRIPT = path.resolve("lib/testing/render-report-process.ts");
const TSX = path.resolve("node_modules/tsx/dist/loader.mjs");

/** The unprivileged user to render as: `nobody` from /etc/passwd when this process is root, else none (this user). */
function unprivilegedUser(): { uid: number; gid: number; name: string } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("nobody:"));
  if (!line) throw new Error("the tests run as root and there is no user nobody to render as");
  const [name, , uid, gid] = line.split(":");
  return { name: name!, uid: Number(uid), gid: Number(gid) };
}

/** Runs the renderer in its own process, as `user` (or this user), and answers what it printed. */
async function renderInOwnProcess(user: { uid: number; gid: number } | null, sandboxMode: "auto" | "off"): Promise<RenderReportResult> {
  // Chromium writes a profile and crash data under HOME: one the user owns.
  const home = mkdtempSync(path.join(tmpdir(), "sovra-sandbox-home-"));
  if (user) chownSync(home, user.uid, user.gid);
  try {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", TSX, SCRIPT], {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, HOME: home, SOVRA_CHROMIUM_SANDBOX: sandboxMode },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const last = stdout.trim().split("\n").at(-1) ?? "";
    if (code !== 0 || !last.startsWith("{")) throw new Error(`the render process exited ${code}:\n${stdout}\n${stderr}`);
    return JSON.parse(last) as RenderReportResult;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe("the board report's Chromium sandbox", () => {
  it("is on for an unprivileged user: the report prints, and its renderers run under seccomp in their own PID namespace", { timeout: 90_000 }, async (ctx) => {
    const user = unprivilegedUser();
    const result = await renderInOwnProcess(user, "auto");
    if (!result.choice.sandbox) {
      const why = `this system gives ${user ? user.name : "this user"} no Chromium sandbox (${result.choice.reason}); nothing to check here`;
      console.warn(`renderer-sandbox.int.test.ts: ${why}`);
      ctx.skip(why);
    }
    expect(result.uid).not.toBe(0);
    expect(result.choice.reason).toMatch(/user namespaces|setuid sandbox helper/);
    expect(result.pageCount).toBeGreaterThan(0);
    expect(result.renderers.length).toBeGreaterThan(0);
    for (const renderer of result.renderers) {
      expect(renderer.seccomp, `renderer ${renderer.pid}`).toBe(2);
      expect(renderer.pidNamespaces, `renderer ${renderer.pid}`).toBeGreaterThan(1);
    }
  });

  it("is off when turned off, and the check sees it: no seccomp filter, the host's PID namespace", { timeout: 90_000 }, async () => {
    const result = await renderInOwnProcess(unprivilegedUser(), "off");
    expect(result.choice).toEqual({ sandbox: false, reason: "SOVRA_CHROMIUM_SANDBOX=off" });
    expect(result.pageCount).toBeGreaterThan(0);
    expect(result.renderers.length).toBeGreaterThan(0);
    for (const renderer of result.renderers) expect(renderer).toMatchObject({ seccomp: 0, pidNamespaces: 1 });
  });
});

import { describe, expect, it } from "vitest";
import { chooseChromiumSandbox, chromiumArgs, chromiumLaunchOptions, readSandboxHost, sandboxNotice, type ChromiumSandboxMode, type SandboxHost } from "./chromium";

const linux = (host: Partial<SandboxHost>): SandboxHost => ({ platform: "linux", uid: 1000, userNamespaces: false, setuidHelper: null, ...host });
const ROOT = linux({ uid: 0, userNamespaces: true });
const USER_WITH_NAMESPACES = linux({ userNamespaces: true });
const USER_WITH_HELPER = linux({ setuidHelper: "/usr/lib/chromium/chrome-sandbox" });
const USER_WITH_NEITHER = linux({});

describe("choosing Chromium's sandbox", () => {
  const cases: [string, ChromiumSandboxMode, SandboxHost, boolean, RegExp][] = [
    ["an unprivileged user with user namespaces", "auto", USER_WITH_NAMESPACES, true, /user namespaces/],
    ["an unprivileged user with the setuid helper", "auto", USER_WITH_HELPER, true, /setuid sandbox helper \/usr\/lib\/chromium\/chrome-sandbox/],
    ["root, whatever the system allows", "auto", ROOT, false, /runs as root/],
    ["an unprivileged user with neither", "auto", USER_WITH_NEITHER, false, /no unprivileged user create user namespaces.*chromium-sandbox/],
    ["macOS", "auto", { platform: "darwin", uid: 501, userNamespaces: false, setuidHelper: null }, true, /own sandbox on darwin/],
    ["off, even where the sandbox works", "off", USER_WITH_NAMESPACES, false, /SOVRA_CHROMIUM_SANDBOX=off/],
    ["on, even where the system seems not to allow it", "on", USER_WITH_NEITHER, true, /SOVRA_CHROMIUM_SANDBOX=on/],
  ];
  it.each(cases)("%s: mode %s", (_, mode, host, sandbox, reason) => {
    const choice = chooseChromiumSandbox(mode, host);
    expect(choice.sandbox).toBe(sandbox);
    expect(choice.reason).toMatch(reason);
  });

  it("passes --no-sandbox only when the sandbox is off, with the same other flags", () => {
    expect(chromiumArgs(true)).not.toContain("--no-sandbox");
    expect(chromiumArgs(false)).toContain("--no-sandbox");
    expect(chromiumArgs(false).filter((a) => a !== "--no-sandbox")).toEqual(chromiumArgs(true));
    expect(chromiumArgs(true)).toEqual(expect.arrayContaining(["--headless", "--disable-quic", "--disable-background-networking", "--disable-component-update"]));
  });

  it("tells playwright-core to keep the sandbox, which it otherwise turns off with its own --no-sandbox", () => {
    const sandboxed = chromiumLaunchOptions("/usr/bin/chromium", chooseChromiumSandbox("auto", USER_WITH_NAMESPACES));
    expect(sandboxed).toEqual({ executablePath: "/usr/bin/chromium", args: chromiumArgs(true), chromiumSandbox: true });
    const asRoot = chromiumLaunchOptions("/usr/bin/chromium", chooseChromiumSandbox("auto", ROOT));
    expect(asRoot).toEqual({ executablePath: "/usr/bin/chromium", args: chromiumArgs(false), chromiumSandbox: false });
  });

  it("says at start-up when the report's Chromium runs unsandboxed, and why", () => {
    expect(sandboxNotice("auto", USER_WITH_NAMESPACES)).toBeNull();
    expect(sandboxNotice("on", USER_WITH_HELPER)).toBeNull();
    const root = sandboxNotice("auto", ROOT);
    expect(root).toEqual({ fatal: false, message: expect.stringMatching(/^the board report's Chromium runs without its sandbox: Sovra runs as root.*Run Sovra as an unprivileged user/) });
    expect(sandboxNotice("off", USER_WITH_NAMESPACES)?.message).toMatch(/without its sandbox: SOVRA_CHROMIUM_SANDBOX=off/);
    expect(sandboxNotice("auto", USER_WITH_NEITHER)).toEqual({ fatal: false, message: expect.stringMatching(/without its sandbox/) });
  });

  it("refuses to start when the sandbox is forced on as root, and warns when forced on where it cannot work", () => {
    expect(sandboxNotice("on", ROOT)).toEqual({ fatal: true, message: expect.stringMatching(/^SOVRA_CHROMIUM_SANDBOX=on, but Sovra runs as root/) });
    expect(sandboxNotice("on", USER_WITH_NEITHER)).toEqual({ fatal: false, message: expect.stringMatching(/board reports fail/) });
  });

  it("reads this process's user, and as root spares the probes, whose answer would not matter", () => {
    const host = readSandboxHost("/usr/bin/chromium");
    expect(host.platform).toBe(process.platform);
    expect(host.uid).toBe(process.getuid?.());
    if (host.uid === 0) expect(host).toMatchObject({ userNamespaces: false, setuidHelper: null });
  });
});

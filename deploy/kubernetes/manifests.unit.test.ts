// What the packaging must contain (issue 18, docs/decisions/048): the Kubernetes manifests, the
// Dockerfile and compose.yaml. The manifests are rendered by `kubectl kustomize`, as a cluster
// would receive them, when kubectl is on PATH; without it they are read from the files each
// kustomization.yaml lists (patches and image overrides are then not applied), and the tests'
// names say so.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse, parseAllDocuments } from "yaml";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Doc = Record<string, any>;

const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
const renderedByKubectl = !kubectl.error && kubectl.status === 0;

const yamlDocs = (text: string): Doc[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Doc | null)
    .filter((d): d is Doc => d != null);

/** The resources of a kustomization, without kubectl: its files and those of the kustomizations it lists. */
function readKustomization(dir: string): Doc[] {
  const kustomization = parse(readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as { resources?: string[] };
  return (kustomization.resources ?? []).flatMap((resource) => {
    const target = path.join(dir, resource);
    return existsSync(path.join(target, "kustomization.yaml")) ? readKustomization(target) : yamlDocs(readFileSync(target, "utf8"));
  });
}

function render(dir: string): Doc[] {
  const abs = path.join(root, dir);
  if (!renderedByKubectl) return readKustomization(abs);
  const out = spawnSync("kubectl", ["kustomize", abs], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${out.stderr}`);
  return yamlDocs(out.stdout);
}

/** The modes lib/runtime/container.ts accepts. Read from its source: importing it would run it. */
const CONTAINER_MODES = JSON.parse(
  /CONTAINER_MODES = (\[[^\]]*\])/.exec(read("lib/runtime/container.ts"))![1]!.replaceAll("'", '"'),
) as string[];

/** The variables README's "Environment variables" table documents. */
const DOCUMENTED_ENV = new Set([...read("README.md").matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

const podSpec = (doc: Doc): Doc => (doc.kind === "CronJob" ? doc.spec.jobTemplate.spec.template.spec : doc.spec.template.spec);
const containersOf = (doc: Doc): Doc[] => [...(podSpec(doc).initContainers ?? []), ...podSpec(doc).containers];
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

describe.each(["deploy/kubernetes/base", "deploy/kubernetes/overlays/example"])(
  `the Kubernetes manifests in %s (${renderedByKubectl ? "rendered by kubectl kustomize" : "read from the YAML files: kubectl is not on PATH"})`,
  (dir) => {
    const docs = render(dir);
    const workloads = docs.filter((d) => WORKLOADS.has(d.kind));
    const component = (kind: string, name: string) => docs.filter((d) => d.kind === kind && d.metadata?.labels?.["app.kubernetes.io/component"] === name);
    const [web] = component("Deployment", "web");
    const [worker] = component("Deployment", "worker");
    const webLabels = () => web!.spec.template.metadata.labels as Record<string, string>;
    const webContainer = () => podSpec(web!).containers[0] as Doc;

    it("have one web Deployment and one worker Deployment, whose pods the web selector does not match", () => {
      expect(component("Deployment", "web")).toHaveLength(1);
      expect(component("Deployment", "worker")).toHaveLength(1);
      expect(selects(web!.spec.selector.matchLabels, webLabels())).toBe(true);
      expect(selects(web!.spec.selector.matchLabels, worker!.spec.template.metadata.labels)).toBe(false);
    });

    it("probe the web pods' readiness and liveness on different paths, each a route of the app", () => {
      const { readinessProbe, livenessProbe } = webContainer();
      expect(readinessProbe?.httpGet?.path).toBeTruthy();
      expect(livenessProbe?.httpGet?.path).toBeTruthy();
      expect(readinessProbe.httpGet.path).not.toBe(livenessProbe.httpGet.path);
      // Readiness asks the database (/api/health); liveness must not (app/api/live/route.ts).
      expect(readinessProbe.httpGet.path).toBe("/api/health");
      for (const probe of [readinessProbe, livenessProbe]) {
        expect(existsSync(path.join(root, "app", probe.httpGet.path, "route.ts")), probe.httpGet.path).toBe(true);
        const ports = (webContainer().ports as Doc[]).flatMap((p) => [p.name, p.containerPort]);
        expect(ports).toContain(probe.httpGet.port);
      }
    });

    it("scale the web Deployment with a HorizontalPodAutoscaler that leaves room for the disruption budget", () => {
      const [hpa, ...more] = docs.filter((d) => d.kind === "HorizontalPodAutoscaler");
      expect(more).toEqual([]);
      expect(hpa!.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: web!.metadata.name });
      const [pdb] = docs.filter((d) => d.kind === "PodDisruptionBudget");
      expect(hpa!.spec.minReplicas).toBeGreaterThan(pdb!.spec.minAvailable);
    });

    it("fit a default PostgreSQL's connections (97) at the autoscaler's maximum, during a rolling update of both Deployments", () => {
      const config = docs.find((d) => d.kind === "ConfigMap")!.data as Record<string, string>;
      const [hpa] = docs.filter((d) => d.kind === "HorizontalPodAutoscaler");
      /** Pods a rolling update adds: maxSurge as a number or a percentage (rounded up), 25 % when unset. */
      const surge = (deployment: Doc, replicas: number) => {
        const value = deployment.spec.strategy?.rollingUpdate?.maxSurge ?? "25%";
        return typeof value === "number" ? value : Math.ceil((replicas * Number.parseInt(value, 10)) / 100);
      };
      const webPods = hpa!.spec.maxReplicas + surge(web!, hpa!.spec.maxReplicas);
      const workerPods = worker!.spec.replicas + surge(worker!, worker!.spec.replicas);
      const connections = (webPods + workerPods) * Number(config.SOVRA_WEB_WORKERS) * Number(config.DATABASE_POOL_MAX) + 2; // + a migration run
      expect(connections, `${webPods} web and ${workerPods} worker pods × ${config.SOVRA_WEB_WORKERS} process × ${config.DATABASE_POOL_MAX} connections + 2`).toBeLessThanOrEqual(100 - 3);
    });

    it("keep web pods through disruptions with a PodDisruptionBudget that selects them and no others", () => {
      const pdbs = docs.filter((d) => d.kind === "PodDisruptionBudget");
      expect(pdbs).toHaveLength(1);
      const selector = pdbs[0]!.spec.selector.matchLabels;
      expect(selects(selector, webLabels())).toBe(true);
      for (const other of workloads.filter((w) => w !== web)) expect(selects(selector, other.spec.template?.metadata?.labels), other.metadata.name).toBe(false);
    });

    it("send the Service's traffic to the web pods' port, and to no other pods", () => {
      const services = docs.filter((d) => d.kind === "Service");
      expect(services).toHaveLength(1);
      const service = services[0]!;
      expect(selects(service.spec.selector, webLabels())).toBe(true);
      for (const other of workloads.filter((w) => w !== web)) expect(selects(service.spec.selector, other.spec.template?.metadata?.labels), other.metadata.name).toBe(false);
      const ports = (webContainer().ports as Doc[]).flatMap((p) => [p.name, p.containerPort]);
      for (const port of service.spec.ports as Doc[]) expect(ports).toContain(port.targetPort ?? port.port);
    });

    it("run the board reports on the worker, not on the web pods", () => {
      const env = (c: Doc) => Object.fromEntries(((c.env ?? []) as Doc[]).map((e) => [e.name, e.value]));
      const workerContainer = podSpec(worker!).containers[0] as Doc;
      expect(workerContainer.args ?? workerContainer.command).toEqual(["worker"]);
      expect(webContainer().args ?? webContainer().command).toEqual(["web"]);
      expect(env(webContainer()).SOVRA_REPORT_WORKER).toBe("off");
      expect(env(workerContainer).SOVRA_REPORT_WORKER).not.toBe("off");
    });

    it("apply the migrations in a Job that runs the image's migrate command once", () => {
      const jobs = docs.filter((d) => d.kind === "Job");
      expect(jobs).toHaveLength(1);
      const job = jobs[0]!;
      expect(job.spec.template.spec.containers.map((c: Doc) => c.args ?? c.command)).toEqual([["migrate"]]);
      expect(["Never", "OnFailure"]).toContain(job.spec.template.spec.restartPolicy);
      expect(job.spec.parallelism ?? 1).toBe(1);
      expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(0);
      // No other pod migrates (an init container in every web pod would run them concurrently).
      for (const w of workloads.filter((d) => d !== job)) for (const c of containersOf(w)) expect(c.args ?? c.command, w.metadata.name).not.toContain("migrate");
    });

    it("give every container one of the commands the image knows", () => {
      for (const w of workloads) for (const c of containersOf(w)) expect(CONTAINER_MODES).toContain((c.args ?? c.command)?.[0]);
    });

    it("reference only ConfigMaps that exist and Secrets that exist or secret.example.yaml documents, and commit no Secret", () => {
      expect(docs.filter((d) => d.kind === "Secret")).toEqual([]);
      const example = yamlDocs(read("deploy/kubernetes/base/secret.example.yaml")).filter((d) => d.kind === "Secret");
      const keys = (kind: "ConfigMap" | "Secret", name: string): Set<string> | undefined => {
        const found = [...docs, ...(kind === "Secret" ? example : [])].find((d) => d.kind === kind && d.metadata.name === name);
        return found && new Set(Object.keys({ ...found.data, ...found.stringData }));
      };
      const refs: { kind: "ConfigMap" | "Secret"; name: string; key?: string; where: string }[] = [];
      for (const w of workloads) {
        for (const c of containersOf(w)) {
          const where = `${w.metadata.name}/${c.name}`;
          for (const e of (c.env ?? []) as Doc[]) {
            if (e.valueFrom?.secretKeyRef) refs.push({ kind: "Secret", ...e.valueFrom.secretKeyRef, where });
            if (e.valueFrom?.configMapKeyRef) refs.push({ kind: "ConfigMap", ...e.valueFrom.configMapKeyRef, where });
          }
          for (const from of (c.envFrom ?? []) as Doc[]) {
            if (from.secretRef) refs.push({ kind: "Secret", name: from.secretRef.name, where });
            if (from.configMapRef) refs.push({ kind: "ConfigMap", name: from.configMapRef.name, where });
          }
        }
        for (const v of (podSpec(w).volumes ?? []) as Doc[]) {
          if (v.secret) refs.push({ kind: "Secret", name: v.secret.secretName, where: `${w.metadata.name} volume ${v.name}` });
          if (v.configMap) refs.push({ kind: "ConfigMap", name: v.configMap.name, where: `${w.metadata.name} volume ${v.name}` });
        }
      }
      expect(refs.map((r) => r.kind)).toEqual(expect.arrayContaining(["Secret", "ConfigMap"]));
      for (const ref of refs) {
        const available = keys(ref.kind, ref.name);
        expect(available, `${ref.where}: ${ref.kind} ${ref.name}`).toBeDefined();
        if (ref.key) expect([...available!], `${ref.where}: ${ref.kind} ${ref.name}`).toContain(ref.key);
      }
    });

    it("set only environment variables that README documents", () => {
      const names = [
        ...workloads.flatMap((w) => containersOf(w).flatMap((c) => ((c.env ?? []) as Doc[]).map((e) => e.name as string))),
        ...docs.filter((d) => d.kind === "ConfigMap").flatMap((d) => Object.keys(d.data ?? {})),
      ];
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((n) => !DOCUMENTED_ENV.has(n))).toEqual([]);
    });

    it("run every pod as a non-root user, without privilege escalation, with a writable /tmp on a read-only root", () => {
      expect(workloads.length).toBeGreaterThanOrEqual(3);
      for (const w of workloads) {
        const pod = podSpec(w);
        for (const c of containersOf(w)) {
          const where = `${w.metadata.name}/${c.name}`;
          const context = { ...pod.securityContext, ...c.securityContext };
          expect(context.runAsNonRoot, where).toBe(true);
          expect(context.runAsUser, where).not.toBe(0);
          expect(context.allowPrivilegeEscalation, where).toBe(false);
          if (context.readOnlyRootFilesystem) expect(((c.volumeMounts ?? []) as Doc[]).map((m) => m.mountPath), where).toContain("/tmp");
        }
      }
    });

    it("run the same image in every container", () => {
      const images = new Set(workloads.flatMap((w) => containersOf(w).map((c) => c.image as string)));
      expect(images.size).toBe(1);
      const overrides = (parse(read(`${dir}/kustomization.yaml`)) as { images?: { name: string; newName?: string; newTag?: string }[] }).images;
      if (renderedByKubectl && overrides?.[0]) expect([...images]).toEqual([`${overrides[0].newName}:${overrides[0].newTag}`]);
    });
  },
);

/** The Dockerfile's instructions, continuation lines joined and comments dropped, grouped by stage. */
function dockerfileStages(text: string): { from: string; name?: string; instructions: [string, string][] }[] {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages: { from: string; name?: string; instructions: [string, string][] }[] = [];
  for (const line of lines) {
    const [, keyword = "", rest = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === "FROM") {
      const [, from = "", name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest) ?? [];
      stages.push({ from, name, instructions: [] });
    } else stages.at(-1)?.instructions.push([keyword.toUpperCase(), rest]);
  }
  return stages;
}

describe("the Dockerfile", () => {
  const text = read("Dockerfile");
  const stages = dockerfileStages(text);
  const runtime = stages.at(-1)!;
  const all = (stage: (typeof stages)[number], keyword: string) => stage.instructions.filter(([k]) => k === keyword).map(([, rest]) => rest);

  it("builds in stages and runs on Debian slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(text)?.[1];
    expect(runtime.from === "${NODE_IMAGE}" ? nodeImage : runtime.from).toMatch(/^node:\d+.*-bookworm-slim$/);
  });

  it("installs Chromium's headless shell and qpdf into the image that runs", () => {
    const installs = all(runtime, "RUN").filter((r) => r.includes("apt-get install"));
    expect(installs.join(" ")).toMatch(/\bchromium(-headless-shell)?\b/);
    expect(installs.join(" ")).toMatch(/\bqpdf\b/);
    expect(installs.join(" ")).toMatch(/\bfonts-liberation\b/);
  });

  it("runs as a non-root user", () => {
    const user = all(runtime, "USER").at(-1);
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user!.split(":")[0]);
  });

  it("checks its health at /api/health and exposes the app's port", () => {
    expect(all(runtime, "HEALTHCHECK").join(" ")).toContain("/api/health");
    expect(all(runtime, "EXPOSE")).toContain("3000");
  });

  it("starts the container script, the web server unless told worker or migrate", () => {
    const entrypoint = JSON.parse(all(runtime, "ENTRYPOINT").at(-1)!) as string[];
    const cmd = JSON.parse(all(runtime, "CMD").at(-1)!) as string[];
    expect(entrypoint.join(" ")).toContain("/app/container/container.mjs");
    expect(cmd).toEqual(["web"]);
    expect(CONTAINER_MODES).toEqual(["web", "worker", "migrate"]);
    // The bundle it starts is built from lib/runtime/container.ts into the standalone output.
    const bundle = stages.flatMap((s) => all(s, "RUN")).find((r) => r.includes("esbuild"));
    expect(bundle).toContain("lib/runtime/container.ts");
    expect(bundle).toContain("--outdir=.next/standalone/container");
  });

  it("builds Next's standalone output, which next.config.ts makes only when SOVRA_STANDALONE=1", () => {
    const build = stages.find((s) => all(s, "RUN").some((r) => r.includes("npm run build")))!;
    expect(all(build, "ENV").join(" ")).toMatch(/\bSOVRA_STANDALONE=1\b/);
    expect(all(runtime, "COPY")).toContain("--from=build /app/.next/standalone ./");
  });

  it("copies files that exist in the repository or in the build stage's output", () => {
    for (const stage of stages) {
      for (const copy of all(stage, "COPY")) {
        const parts = copy.split(/\s+/);
        const sources = parts.slice(0, -1).filter((p) => !p.startsWith("--"));
        const fromStage = parts.some((p) => p.startsWith("--from="));
        for (const source of sources) {
          const relative = fromStage ? path.relative("/app", source) : source === "." ? "" : source;
          // .next/ is made by the build stage; everything else is in the repository (node_modules after npm ci).
          if (relative.startsWith(".next")) continue;
          expect(existsSync(path.join(root, relative)), `COPY ${copy}`).toBe(true);
        }
      }
    }
  });

  it("has a .dockerignore that keeps installed, built, generated and secret files out", () => {
    const ignored = read(".dockerignore").split(/\r?\n/).map((l) => l.trim());
    for (const entry of ["**/node_modules", ".next", "lib/generated", ".env", ".env.*", ".data", "test-results", ".git"]) expect(ignored).toContain(entry);
  });
});

describe("next.config.ts", () => {
  const saved = process.env.SOVRA_STANDALONE;
  afterEach(() => {
    if (saved === undefined) delete process.env.SOVRA_STANDALONE;
    else process.env.SOVRA_STANDALONE = saved;
    vi.resetModules();
  });
  const load = async (value: string | undefined) => {
    if (value === undefined) delete process.env.SOVRA_STANDALONE;
    else process.env.SOVRA_STANDALONE = value;
    vi.resetModules();
    return (await import("@/next.config")).default;
  };

  it("asks for the standalone output only when SOVRA_STANDALONE=1, so npm start and CI keep the ordinary build", async () => {
    expect((await load(undefined)).output).toBeUndefined();
    expect((await load("0")).output).toBeUndefined();
    expect((await load("1")).output).toBe("standalone");
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Doc>; volumes?: Record<string, unknown> };
  const services = Object.entries(compose.services);
  const commandOf = (s: Doc) => (Array.isArray(s.command) ? s.command[0] : String(s.command ?? "").split(" ")[0]);
  const running = (mode: string) => services.filter(([, s]) => commandOf(s) === mode);
  const sovra = services.filter(([, s]) => CONTAINER_MODES.includes(commandOf(s)));

  it("has PostgreSQL with a volume and a health check", () => {
    const db = services.filter(([, s]) => String(s.image).startsWith("postgres:"));
    expect(db).toHaveLength(1);
    const [, postgres] = db[0]!;
    const volume = String(postgres.volumes?.[0]).split(":")[0]!;
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(postgres.healthcheck?.test).toBeDefined();
  });

  it("runs two web instances and one worker, once a single migration run has succeeded", () => {
    expect(running("web")).toHaveLength(2);
    expect(running("worker")).toHaveLength(1);
    expect(running("migrate")).toHaveLength(1);
    const [[migrateName, migrate]] = running("migrate") as [[string, Doc]];
    expect(migrate.restart).toBe("no");
    expect(Object.values(migrate.depends_on as Record<string, Doc>).map((d) => d.condition)).toEqual(["service_healthy"]);
    for (const [name, s] of [...running("web"), ...running("worker")]) expect(s.depends_on?.[migrateName]?.condition, name).toBe("service_completed_successfully");
  });

  it("gives every Sovra service the same database and secrets, from the environment rather than from the file", () => {
    const first = sovra[0]![1];
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"]) {
      const value = first.environment[name];
      expect(value, name).toMatch(/\$\{[A-Z_]+:\?[^}]*\}/);
      for (const [service, s] of sovra) expect(s.environment?.[name], `${service}: ${name}`).toBe(value);
    }
    for (const [service, s] of sovra) expect(s.environment?.SOVRA_PUBLIC_URL, service).toBeTruthy();
  });

  it("runs the same image in every Sovra service", () => {
    expect(new Set(sovra.map(([, s]) => s.image)).size).toBe(1);
  });

  it("keeps board reports on the worker", () => {
    for (const [name, s] of running("web")) expect(s.environment?.SOVRA_REPORT_WORKER, name).toBe("off");
    for (const [name, s] of running("worker")) expect(s.environment?.SOVRA_REPORT_WORKER ?? "on", name).not.toBe("off");
  });

  it("puts a round robin over both web instances in front, which they trust for the client's address", () => {
    const proxy = services.find(([, s]) => (s.volumes as string[] | undefined)?.some((v) => v.includes("nginx.conf")));
    expect(proxy).toBeDefined();
    const conf = read(String((proxy![1].volumes as string[]).find((v) => v.includes("nginx.conf"))).split(":")[0]!);
    for (const [name, s] of running("web")) {
      expect(conf, name).toMatch(new RegExp(`server ${name}:3000\\b`));
      expect(s.environment?.SOVRA_TRUSTED_PROXIES, name).toBe("1");
      expect(s.ports, `${name} is reached through the round robin only`).toBeUndefined();
    }
  });

  it("sets only environment variables that README documents", () => {
    const names = sovra.flatMap(([, s]) => Object.keys(s.environment ?? {}));
    expect(names.filter((n) => !DOCUMENTED_ENV.has(n))).toEqual([]);
  });
});

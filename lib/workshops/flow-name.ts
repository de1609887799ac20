// The name a data flow captured on the workshop screen is offered (issue 15, decision 038). Pure,
// shared by the capture form and its tests.

/** dataFlowSchema's longest name. */
export const FLOW_NAME_MAX = 120;

/**
 * The name the inventory import gives a flow (decision 031): "<office> → <route>", with "#2" and
 * on where the name is taken, cut to the schema's length; empty until both parts are known.
 * @example suggestFlowName("Munich HQ", "Support bot (GPT-4o)", new Set()) // "Munich HQ → Support bot (GPT-4o)"
 * @example suggestFlowName("Munich HQ", "Support bot (GPT-4o)", new Set(["Munich HQ → Support bot (GPT-4o)"])) // "Munich HQ → Support bot (GPT-4o) #2"
 */
export function suggestFlowName(office: string | undefined, route: string | undefined, taken: ReadonlySet<string>): string {
  if (!office || !route) return "";
  const base = `${office} → ${route}`;
  const cut = (tail: string) => (base.length + tail.length > FLOW_NAME_MAX ? `${base.slice(0, FLOW_NAME_MAX - tail.length - 1)}…${tail}` : base + tail);
  let name = cut("");
  for (let n = 2; taken.has(name); n++) name = cut(` #${n}`);
  return name;
}

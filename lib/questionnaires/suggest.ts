// First guesses for the review of an answered item (docs/decisions/039): which model the
// respondent meant and whether the AI system is already in the inventory. Only guesses: the
// reviewer sees them prefilled and decides; nothing is written on a guess.

export interface Named {
  ref: string;
  label: string;
}

/** Lower case, accents and punctuation gone, single spaces: "GPT-4o (OpenAI)" -> "gpt 4o openai". */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const own = (o: Named) => !o.ref.startsWith("catalogue:");

/** The best of several candidates: the organisation's own before the catalogue's, then the shortest (most exact) label. */
function best(candidates: Named[]): Named | null {
  return [...candidates].sort((a, b) => Number(own(b)) - Number(own(a)) || a.label.length - b.label.length || a.label.localeCompare(b.label))[0] ?? null;
}

/**
 * The model an item names: by its model name within the option labels, else the vendor's only
 * or first own model. Labels are "<model> (<vendor>)" or "<model> (<vendor>, from the catalogue)".
 */
export function suggestModel(item: { modelName: string | null; vendorName: string | null }, options: readonly Named[]): Named | null {
  const model = item.modelName ? normalise(item.modelName) : "";
  const vendor = item.vendorName ? normalise(item.vendorName) : "";
  const modelPart = (o: Named) => normalise(o.label.replace(/\s*\([^()]*\)\s*$/, ""));
  const vendorPart = (o: Named) => normalise(o.label.match(/\(([^()]*)\)\s*$/)?.[1]?.replace(/, from the catalogue$/, "") ?? "");
  if (model) {
    const exact = options.filter((o) => modelPart(o) === model && (!vendor || vendorPart(o).includes(vendor) || vendor.includes(vendorPart(o))));
    if (exact.length) return best(exact);
    const partial = options.filter((o) => modelPart(o).includes(model) || (model.length >= 4 && model.includes(modelPart(o))));
    const sameVendor = vendor ? partial.filter((o) => vendorPart(o).includes(vendor) || vendor.includes(vendorPart(o))) : partial;
    if (sameVendor.length) return best(sameVendor);
  }
  if (vendor) return best(options.filter((o) => own(o) && (vendorPart(o) === vendor || vendorPart(o).includes(vendor))));
  return null;
}

/** An AI system already in the inventory that the item probably is: the same name, or one name holding the other. */
export function suggestSystem(systemName: string, systems: readonly { id: string; name: string }[]): { id: string; name: string } | null {
  const name = normalise(systemName);
  if (!name) return null;
  const same = systems.find((s) => normalise(s.name) === name);
  if (same) return same;
  const near = systems.filter((s) => {
    const other = normalise(s.name);
    return Math.min(other.length, name.length) >= 4 && (other.includes(name) || name.includes(other));
  });
  return near.length === 1 ? near[0]! : null;
}

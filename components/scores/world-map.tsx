import { countryPoints, worldGeometry, type MapPoint } from "@/lib/scores/world-geometry";
import type { FlowSensitivity, WorldMapCountry, WorldMapData, WorldMapRoute } from "@/lib/scores/world-map";
import { DATA_CATEGORY_LABELS } from "@/lib/labels";
import { DATA_CATEGORIES, type DataCategory } from "@/scoring/schema/primitives";

// A server component without client JavaScript: the SVG is in the HTML, so it prints as it is
// and costs no bundle. The base map is an <image> of /world-map.svg (cached by the browser) and
// the office countries are <use> references into it; only this organisation's markers, lines and
// tables are in the page (docs/decisions/026).

/** Lines drawn at most, the busiest; more would be a tangle. */
export const MAX_DRAWN_ROUTES = 60;
/** Rows of the routes table at most; the rest are summed in one row (a large organisation has hundreds of country pairs). */
export const MAX_TABLE_ROUTES = 60;

/** Line styles readable without colour: solid, dashed, dotted. */
const FLOW_STYLE: Record<FlowSensitivity, { stroke: string; dash: string | undefined; label: string }> = {
  other: { stroke: "#475569", dash: undefined, label: "No personal data" },
  personal: { stroke: "#b45309", dash: "7 4", label: "Personal data" },
  "special-category": { stroke: "#b91c1c", dash: "1 3.5", label: "Special-category data" },
};
const SENSITIVITIES: FlowSensitivity[] = ["other", "personal", "special-category"];

const nf = new Intl.NumberFormat("en-GB");
const categoryLabel = (c: DataCategory) => DATA_CATEGORY_LABELS[c.replace("-", "_") as keyof typeof DATA_CATEGORY_LABELS];
const categoryList = (cs: DataCategory[]) => (cs.length === 0 ? "—" : cs.map(categoryLabel).join(", "));
const plural = (n: number, one: string, many = `${one}s`) => `${nf.format(n)} ${n === 1 ? one : many}`;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Office circles: area follows headcount; 3 units for a headcount of 0 (or unknown), 4 for all when no office has one. */
export function officeRadius(headcount: number, maxHeadcount: number): number {
  if (maxHeadcount <= 0) return 4;
  return r1(3 + 9 * Math.sqrt(headcount / maxHeadcount));
}

/** Line width grows with the logarithm of the flow count: 1 flow = 1.5, 2 = 2.5, 16 = 5.5, capped at 6. */
export function routeWidth(flows: number): number {
  return r1(Math.min(6, 1.5 + Math.log2(Math.max(1, flows))));
}

/**
 * A curved line from origin to processing country, as an SVG path: a quadratic curve bowed to
 * the left of its direction (so A -> B and B -> A stay apart), trimmed to end at the markers' edges.
 */
export function routePath(from: MapPoint, to: MapPoint, startGap: number, endGap: number): string | undefined {
  const [x0, y0] = from;
  const [x1, y1] = to;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  if (len <= startGap + endGap + 2) return undefined;
  const bow = 0.2 * len;
  const cx = (x0 + x1) / 2 + (dy / len) * bow;
  const cy = (y0 + y1) / 2 - (dx / len) * bow;
  const toward = (px: number, py: number, qx: number, qy: number, gap: number) => {
    const d = Math.hypot(qx - px, qy - py) || 1;
    return [px + ((qx - px) / d) * gap, py + ((qy - py) / d) * gap] as const;
  };
  // The curve leaves along start->control and arrives along control->end.
  const [sx, sy] = toward(x0, y0, cx, cy, startGap);
  const [ex, ey] = toward(x1, y1, cx, cy, endGap);
  return `M${r1(sx)},${r1(sy)}Q${r1(cx)},${r1(cy)} ${r1(ex)},${r1(ey)}`;
}

function summary(data: WorldMapData): string {
  const { totals } = data;
  const offices = `${plural(totals.offices, "office")} (${plural(totals.headcount, "person", "people")}) in ${plural(totals.officeCountries, "country", "countries")}`;
  const flows =
    totals.flows === 0
      ? "no data flows recorded"
      : `${plural(totals.flows, "data flow")} processed in ${plural(totals.processingCountries, "country", "countries")}, ${nf.format(totals.crossBorderFlows)} of them across a border`;
  return `${offices[0]!.toUpperCase()}${offices.slice(1)}; ${flows}.`;
}

/**
 * Where the organisation's offices are and where their data is processed: countries with offices
 * hatched, a circle per country sized by headcount, a curved line per origin -> processing
 * country (width by number of flows, dashed for personal and dotted for special-category data),
 * and the same figures as tables for screen readers and print. Prop-driven, so the board report
 * draws the same map from the same data.
 */
export function WorldMap({ data, id = "world-map", heading = "Offices and data flows by country" }: { data: WorldMapData; id?: string; heading?: string }) {
  const geo = worldGeometry();
  const points = countryPoints(data.countries.map((c) => c.country));
  const maxHeadcount = Math.max(0, ...data.countries.map((c) => c.headcount));
  const byCountry = new Map(data.countries.map((c) => [c.country, c]));
  const radius = (country: string) => {
    const c = byCountry.get(country);
    return c && c.offices > 0 ? officeRadius(c.headcount, maxHeadcount) : 3.5;
  };
  const officeCountries = data.countries.filter((c) => c.offices > 0);
  const processingOnly = data.countries.filter((c) => c.offices === 0);
  const crossBorder = data.routes.filter((r) => r.from !== r.to);
  const drawn = crossBorder.slice(0, MAX_DRAWN_ROUTES);
  const maxFlows = Math.max(1, ...crossBorder.map((r) => r.flows));
  const usedStyles = SENSITIVITIES.filter((s) => crossBorder.some((r) => r.sensitivity === s));
  // Busy routes first and thin ones on top, so a single flow is never hidden under a thick line.
  const lines = drawn
    .map((r) => ({ r, d: points.has(r.from) && points.has(r.to) ? routePath(points.get(r.from)!, points.get(r.to)!, radius(r.from) + 1, radius(r.to) + 2) : undefined }))
    .filter((l): l is { r: WorldMapRoute; d: string } => l.d !== undefined);
  const label = summary(data);
  const hatch = `${id}-hatch`;

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 print:shadow-none" data-testid="world-map">
      {/* One figure (app/globals.css prints the tables inside figures as ruled tables); its caption is a
          <p>, since a <figcaption> must be the figure's first or last child. Heading, map and legend
          stay on one printed page; the tables may run on. */}
      <figure aria-labelledby={`${id}-caption`}>
        <div className="print:break-inside-avoid">
          <h2 id={`${id}-heading`} className="text-sm font-semibold text-slate-900">
            {heading}
          </h2>
          <p className="mt-1 text-xs text-slate-500">
            Where your people work and in which countries the models that receive their data run. Data processed in the country it comes from draws no line.
            <span className="print:hidden">Point at a circle, square or line for its figures.</span>
            <span className="hidden print:inline">The tables below give each country&apos;s figures.</span>
          </p>
          <p id={`${id}-caption`} className="mt-3 text-xs text-slate-600">
            {label}
          </p>
          <svg
            viewBox={`0 0 ${geo.width} ${geo.height}`}
            role="img"
            aria-label="World map of offices and data flows; the tables below give the same figures"
            className="h-auto w-full max-w-[960px] print:max-w-full"
            data-testid="world-map-svg"
          >
            <title>{label}</title>
            <defs>
              <pattern id={hatch} patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">
                <rect width="4" height="4" fill="#cce3e3" />
                <line x1="0" y1="0" x2="0" y2="4" stroke="#1f7a7a" strokeWidth="1.2" />
              </pattern>
              {usedStyles.map((s) => (
                <marker key={s} id={`${id}-arrow-${s}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">
                  <path d="M0,0L10,5L0,10z" fill={FLOW_STYLE[s].stroke} />
                </marker>
              ))}
            </defs>
            <image href={geo.baseUrl} x="0" y="0" width={geo.width} height={geo.height} />
            {/* Outlines come from the cached base map by reference: no country's path is in the page. */}
            <g fill={`url(#${hatch})`} stroke="#124f4f" strokeWidth="0.6" data-testid="world-map-countries">
              {officeCountries.map((c) => (geo.hasOutline(c.country) ? <use key={c.country} href={`${geo.baseUrl}#${c.country}`} data-country={c.country} /> : null))}
            </g>
            <g fill="none" strokeLinecap="round">
              {lines.map(({ r, d }) => {
                const style = FLOW_STYLE[r.sensitivity];
                return (
                  <path
                    key={`${r.from}>${r.to}`}
                    d={d}
                    stroke={style.stroke}
                    strokeWidth={routeWidth(r.flows)}
                    strokeDasharray={style.dash}
                    markerEnd={`url(#${id}-arrow-${r.sensitivity})`}
                    data-route={`${r.from}-${r.to}`}
                  >
                    <title>{`${byCountry.get(r.from)?.name ?? r.from} → ${byCountry.get(r.to)?.name ?? r.to}: ${plural(r.flows, "data flow")} (${categoryList(r.categories)})`}</title>
                  </path>
                );
              })}
            </g>
            <g fill="#14202b" stroke="#fff" strokeWidth="1">
              {processingOnly.map((c) => {
                const p = points.get(c.country);
                return p ? (
                  <rect key={c.country} x={r1(p[0] - 3.5)} y={r1(p[1] - 3.5)} width="7" height="7" data-processing={c.country}>
                    <title>{`${c.name}: ${plural(c.flowsIn, "data flow")} processed here (${categoryList(c.categoriesIn)})`}</title>
                  </rect>
                ) : null;
              })}
            </g>
            <g fill="#1f7a7a" fillOpacity="0.85" stroke="#fff" strokeWidth="1.2">
              {officeCountries.map((c) => {
                const p = points.get(c.country);
                return p ? (
                  <circle key={c.country} cx={p[0]} cy={p[1]} r={radius(c.country)} data-office={c.country}>
                    <title>{officeTitle(c)}</title>
                  </circle>
                ) : null;
              })}
            </g>
            <g fontSize="12" fontWeight="600" fill="#14202b" stroke="#fff" strokeWidth="3" paintOrder="stroke" strokeLinejoin="round" aria-hidden>
              {data.countries.map((c) => {
                const p = points.get(c.country);
                return p ? (
                  <text key={c.country} x={r1(p[0] + radius(c.country) + 2)} y={r1(p[1] + 3.5)}>
                    {c.country}
                  </text>
                ) : null;
              })}
            </g>
          </svg>
          <Legend id={id} maxHeadcount={maxHeadcount} maxFlows={maxFlows} styles={usedStyles} hasProcessingOnly={processingOnly.length > 0} omitted={crossBorder.length - drawn.length} />
        </div>
        <CountryTable data={data} id={id} />
        {data.routes.length > 0 && <RouteTable data={data} id={id} />}
      </figure>
    </section>
  );
}

function officeTitle(c: WorldMapCountry): string {
  const weakest = c.weakestSystem ? `; weakest AI system: ${c.weakestSystem.name} (${c.weakestSystem.rating}, ${c.weakestSystem.score.toFixed(1)})` : "";
  return `${c.name}: ${plural(c.offices, "office")}, ${plural(c.headcount, "person", "people")}, ${plural(c.systems, "AI system")}; ${plural(c.flowsOut, "data flow")} out, ${nf.format(c.flowsIn)} processed here${weakest}`;
}

function Legend({ id, maxHeadcount, maxFlows, styles, hasProcessingOnly, omitted }: { id: string; maxHeadcount: number; maxFlows: number; styles: FlowSensitivity[]; hasProcessingOnly: boolean; omitted: number }) {
  const swatch = "inline-block h-3 w-6 align-middle";
  return (
    <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600" aria-hidden data-testid="world-map-legend">
      <li>
        <svg className={swatch} viewBox="0 0 24 12">
          <defs>
            <pattern id={`${id}-legend-hatch`} patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">
              <rect width="4" height="4" fill="#cce3e3" />
              <line x1="0" y1="0" x2="0" y2="4" stroke="#1f7a7a" strokeWidth="1.2" />
            </pattern>
          </defs>
          <rect x="1" y="1" width="22" height="10" fill={`url(#${id}-legend-hatch)`} stroke="#124f4f" strokeWidth="0.8" />
        </svg>{" "}
        Country with offices
      </li>
      <li>
        <svg className={swatch} viewBox="0 0 24 12">
          <circle cx="12" cy="6" r="5" fill="#1f7a7a" />
        </svg>{" "}
        Offices, area by headcount{maxHeadcount > 0 ? ` (largest: ${nf.format(maxHeadcount)} people)` : ""}
      </li>
      {hasProcessingOnly && (
        <li>
          <svg className={swatch} viewBox="0 0 24 12">
            <rect x="8.5" y="2.5" width="7" height="7" fill="#14202b" />
          </svg>{" "}
          Data processed here, no office
        </li>
      )}
      {styles.map((s) => (
        <li key={s}>
          <svg className={swatch} viewBox="0 0 24 12">
            <line x1="1" y1="6" x2="23" y2="6" stroke={FLOW_STYLE[s].stroke} strokeWidth="2" strokeDasharray={FLOW_STYLE[s].dash} strokeLinecap="round" />
          </svg>{" "}
          {FLOW_STYLE[s].label}
        </li>
      ))}
      {styles.length > 0 && <li>Line width: number of flows (1 to {nf.format(maxFlows)})</li>}
      {omitted > 0 && <li>{plural(omitted, "smaller route")} not drawn (in the table)</li>}
    </ul>
  );
}

function CountryTable({ data, id }: { data: WorldMapData; id: string }) {
  return (
    <table className="sr-only text-sm print:not-sr-only print:mt-2 print:w-full print:text-left" data-testid={`${id}-countries`}>
      <caption>Offices, people and data flows by country</caption>
      <thead>
        <tr>
          <th scope="col">Country</th>
          <th scope="col">Offices</th>
          <th scope="col">Headcount</th>
          <th scope="col">AI systems used</th>
          <th scope="col">Flows out</th>
          <th scope="col">Flows processed here</th>
          <th scope="col">Data sent</th>
          <th scope="col">Data processed here</th>
          <th scope="col">Weakest AI system</th>
        </tr>
      </thead>
      <tbody>
        {data.countries.map((c) => (
          <tr key={c.country}>
            <th scope="row">
              {c.name} ({c.country})
            </th>
            <td>{nf.format(c.offices)}</td>
            <td>
              {nf.format(c.headcount)}
              {c.officesWithoutHeadcount > 0 ? ` (${plural(c.officesWithoutHeadcount, "office")} without headcount)` : ""}
            </td>
            <td>{nf.format(c.systems)}</td>
            <td>{nf.format(c.flowsOut)}</td>
            <td>{nf.format(c.flowsIn)}</td>
            <td>{categoryList(c.categoriesOut)}</td>
            <td>{categoryList(c.categoriesIn)}</td>
            <td>{c.weakestSystem ? `${c.weakestSystem.name}: ${c.weakestSystem.rating} (${c.weakestSystem.score.toFixed(1)})` : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RouteTable({ data, id }: { data: WorldMapData; id: string }) {
  const names = new Map(data.countries.map((c) => [c.country, c.name]));
  const name = (code: string) => names.get(code) ?? code;
  const shown = data.routes.slice(0, MAX_TABLE_ROUTES);
  const rest = data.routes.slice(MAX_TABLE_ROUTES);
  return (
    <table className="sr-only text-sm print:not-sr-only print:mt-2 print:w-full print:text-left" data-testid={`${id}-routes`}>
      <caption>Data flows from the offices&apos; country to the country where the model runs</caption>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Processed in</th>
          <th scope="col">Data flows</th>
          <th scope="col">Data categories</th>
          <th scope="col">Most sensitive</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <tr key={`${r.from}>${r.to}`}>
            <th scope="row">{name(r.from)}</th>
            <td>{r.from === r.to ? `${name(r.to)} (same country)` : name(r.to)}</td>
            <td>{nf.format(r.flows)}</td>
            <td>{categoryList(r.categories)}</td>
            <td>{FLOW_STYLE[r.sensitivity].label}</td>
          </tr>
        ))}
        {rest.length > 0 && (
          <tr>
            <th scope="row" colSpan={2}>
              {plural(rest.length, "other route")}
            </th>
            <td>{nf.format(rest.reduce((s, r) => s + r.flows, 0))}</td>
            <td>{categoryList(DATA_CATEGORIES.filter((c) => rest.some((r) => r.categories.includes(c))))}</td>
            <td>{FLOW_STYLE[SENSITIVITIES.findLast((s) => rest.some((r) => r.sensitivity === s))!].label}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

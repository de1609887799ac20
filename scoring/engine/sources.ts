import type { ExtraterritorialLaw } from "../catalogue";
import type { ImposeEvent } from "../schema/policy-event";

/** What a factor rests on: a framework article, a law, a policy event, or the method itself. */
export interface Source {
  kind: "framework" | "law" | "policy-event" | "method" | "catalogue";
  ref: string;
  title: string;
}

const s = (kind: Source["kind"], ref: string, title: string): Source => Object.freeze({ kind, ref, title });

export const SOURCES = {
  method: s("method", "sovra-methodology", "Sovra methodology (docs/METHODOLOGY.md)"),
  doraExit: s("framework", "DORA Art. 28(8)", "Regulation (EU) 2022/2554 (DORA), Art. 28(8): documented, tested and reviewed exit strategies"),
  doraConcentration: s("framework", "DORA Art. 29", "Regulation (EU) 2022/2554 (DORA), Art. 29: ICT concentration risk"),
  doraRegister: s("framework", "EU 2024/2956 B_05.01", "Implementing Regulation (EU) 2024/2956, Register of Information B_05.01 (provider HQ and ultimate parent)"),
  nistGovern6: s("framework", "NIST AI RMF GOVERN 6.2", "NIST AI RMF 1.0, GOVERN 6.2: contingency processes for third-party failures"),
  nistManage3: s("framework", "NIST AI RMF MANAGE 3.1", "NIST AI RMF 1.0, MANAGE 3.1: third-party risks are monitored"),
  iso42001: s("framework", "ISO/IEC 42001 A.10", "ISO/IEC 42001:2023, Annex A.10: third-party and customer relationships"),
  gdprTransfers: s("law", "GDPR Art. 44-49", "Regulation (EU) 2016/679 (GDPR), Chapter V: transfers of personal data"),
  edpbTia: s("framework", "EDPB Rec. 01/2020", "EDPB Recommendations 01/2020 on supplementary measures (transfer impact assessments)"),
  hhi: s("method", "HHI", "Herfindahl-Hirschman index (US DOJ/FTC Merger Guidelines 2023, s. 2.1)"),
  euCsf: s("framework", "EU CSF 1.2.1", "European Commission, Cloud Sovereignty Framework v1.2.1 (October 2025)"),
} as const;

const eventSources = new Map<string, Source>();
/**
 * The (cached) source record for a policy event. Cached by everything it cites, so that a
 * document's event overriding the catalogue's under the same key and title, with another date,
 * source or references, is cited as it is (the cache was keyed by key and title alone).
 */
export function eventSource(event: ImposeEvent): Source {
  const refs = event.references?.length ? `; ${event.references.map((r) => `${r.publisher ? `${r.publisher}: ` : ""}"${r.title}"`).join("; ")}` : "";
  const title = `${event.title} (in force from ${event.effectiveDate}${event.dateEstimated ? ", estimated date" : ""}; ${event.source}${refs})`;
  const cacheKey = event.key + "\u0000" + title;
  let src = eventSources.get(cacheKey);
  if (!src) {
    src = s("policy-event", event.key, title);
    eventSources.set(cacheKey, src);
  }
  return src;
}

const lawSources = new Map<string, Source>();
/** The (cached) source record for an extraterritorial law. */
export function lawSource(law: ExtraterritorialLaw): Source {
  let src = lawSources.get(law.key);
  if (!src) {
    src = s("law", law.key, `${law.name} (${law.source})`);
    lawSources.set(law.key, src);
  }
  return src;
}

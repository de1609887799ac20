// What the EBA's reporting framework fixes for a DORA Register of Information report package
// (xBRL-CSV), in one place (decision 045). The taxonomy entry point is the one value that changes
// with each taxonomy release: it is a default here, overridden by SOVRA_DORA_TAXONOMY_ENTRY_POINT
// (lib/env.ts) without a new version of Sovra.

/** The DORA module of the EBA reporting framework 4.0: what reports/report.json extends. */
export const DORA_TAXONOMY_ENTRY_POINT = "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json";
/** What any release's DORA module entry point looks like (the override is checked against it). */
export const DORA_ENTRY_POINT_PATTERN = /^https?:\/\/\S+\/mod\/dora\.json$/;

/** META-INF/reportPackage.json: an XBRL Report Package 1.0 (2023) whose extension is .zip. */
export const REPORT_PACKAGE_DOCUMENT_TYPE = "https://xbrl.org/report-package/2023";
/** reports/report.json: an xBRL-CSV 1.0 report. */
export const XBRL_CSV_DOCUMENT_TYPE = "https://xbrl.org/2021/xbrl-csv";

/** The framework code and version in the package's file name (the EBA's naming convention). */
export const DORA_FRAMEWORK_CODE = "DORA010100";
/** The module in the package's file name. */
export const DORA_MODULE = "DORA";

/** parameters.csv: facts' decimals as the EBA's filing rules set them (integers exact, amounts in thousands). */
export const DECIMALS_INTEGER = "0";
export const DECIMALS_MONETARY = "-3";

/** Reporting basis of the entity in entityID and the file name: consolidated or individual. */
export const CONSOLIDATIONS = ["CON", "IND"] as const;
export type Consolidation = (typeof CONSOLIDATIONS)[number];

/** Base currencies offered: the euro and the other currencies of EEA states (the Swiss franc for Liechtenstein). */
export const DORA_CURRENCIES = ["EUR", "BGN", "CZK", "DKK", "HUF", "ISK", "NOK", "PLN", "RON", "SEK", "CHF"] as const;
export type DoraCurrency = (typeof DORA_CURRENCIES)[number];

/**
 * Every template of the DORA module, as FilingIndicators.csv names them. Sovra fills six; the
 * others (the group's entities and branches, signing entities, functions, ...) are not in its
 * data, so they are filed with a negative indicator and no file.
 */
export const DORA_MODULE_TEMPLATES = [
  "B_01.01",
  "B_01.02",
  "B_01.03",
  "B_02.01",
  "B_02.02",
  "B_02.03",
  "B_03.01",
  "B_03.02",
  "B_03.03",
  "B_04.01",
  "B_05.01",
  "B_05.02",
  "B_06.01",
  "B_07.01",
  "B_99.01",
] as const;

/** "b_05.02" -> "B_05.02". */
export const templateCode = (id: string) => id.toUpperCase();

/**
 * B_01.01 c0040, type of entity (the DPM's list for the entity maintaining the register). Compiled
 * from a register tool's code list (decision 045); re-check against the EBA's DPM dictionary.
 */
export const ENTITY_TYPES = [
  { code: "eba_CT:x12", label: "Credit institution" },
  { code: "eba_CT:x599", label: "Investment firm" },
  { code: "eba_CT:x300", label: "Payment institution" },
  { code: "eba_CT:x301", label: "Account information service provider" },
  { code: "eba_CT:x302", label: "Electronic money institution" },
  { code: "eba_CT:x303", label: "Crypto-asset service provider" },
  { code: "eba_CT:x310", label: "Issuer of asset-referenced tokens" },
  { code: "eba_CT:x304", label: "Central securities depository" },
  { code: "eba_CT:x643", label: "Central counterparty (CCP)" },
  { code: "eba_CT:x305", label: "Trading venue" },
  { code: "eba_CT:x306", label: "Trade repository" },
  { code: "eba_CT:x307", label: "Manager of alternative investment funds" },
  { code: "eba_CT:x639", label: "Asset management company" },
  { code: "eba_CT:x308", label: "Data reporting service provider" },
  { code: "eba_CT:x309", label: "Insurance or reinsurance undertaking" },
  { code: "eba_CT:x320", label: "Insurance, reinsurance or ancillary insurance intermediary" },
  { code: "eba_CT:x311", label: "Institution for occupational retirement provision" },
  { code: "eba_CT:x312", label: "Credit rating agency" },
  { code: "eba_CT:x313", label: "Administrator of critical benchmarks" },
  { code: "eba_CT:x314", label: "Crowdfunding service provider" },
  { code: "eba_CT:x315", label: "Securitisation repository" },
  { code: "eba_CT:x316", label: "Other financial entity" },
  { code: "eba_CT:x317", label: "Non-financial entity: ICT intra-group service provider" },
  { code: "eba_CT:x318", label: "Non-financial entity: other than ICT intra-group service provider" },
] as const satisfies readonly { code: string; label: string }[];

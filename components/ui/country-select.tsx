import { COUNTRY_OPTIONS } from "@/lib/country-codes";
import { SelectField } from "./field";

const OPTIONS = [{ value: "", label: "Choose a country…" }, ...COUNTRY_OPTIONS.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))];

export function CountrySelect(props: { label: string; name: string; defaultValue?: string; errors?: string[] }) {
  return <SelectField {...props} options={OPTIONS} required />;
}

import { COUNTRY_OPTIONS } from "@/lib/country-codes";
import { SelectField } from "./field";

const OPTIONS = [{ value: "", label: "None" }, ...COUNTRY_OPTIONS.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))];

/** A country picker where "none" is a valid answer (a parent company's or a hosting country). */
export function OptionalCountrySelect(props: { label: string; name: string; defaultValue?: string; errors?: string[]; hint?: string; emptyLabel?: string }) {
  const { emptyLabel, ...rest } = props;
  return <SelectField {...rest} options={emptyLabel ? [{ value: "", label: emptyLabel }, ...OPTIONS.slice(1)] : OPTIONS} />;
}

import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import type { CycloneDxSpecVersion } from "./cyclonedx";

// The official validator of @cyclonedx/cyclonedx-library (a devDependency: tests only), shared by
// the builder's unit tests and the route's integration test. Its schemas ship in the package and
// it refuses remote ones, so validation works offline (decision 044).

const VERSIONS: Record<CycloneDxSpecVersion, Spec.Version> = { "1.6": Spec.Version.v1dot6, "1.7": Spec.Version.v1dot7 };
const validators = new Map<CycloneDxSpecVersion, Validation.JsonStrictValidator>();

/** The schema errors of a BOM (JSON text) under the strict schema of `version`; null when it is valid. */
export async function cycloneDxErrors(json: string, version: CycloneDxSpecVersion): Promise<unknown> {
  let validator = validators.get(version);
  if (!validator) validators.set(version, (validator = new Validation.JsonStrictValidator(VERSIONS[version])));
  return validator.validate(json);
}

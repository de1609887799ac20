/** How a model is reached. Order matters nowhere; the scoring is explicit per value. */
export const ACCESS_PATHS = ["direct-api", "cloud-marketplace", "third-party-hosted", "self-hosted"] as const;

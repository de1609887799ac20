-- A practice's name and logo on the reports its members produce for clients (decision 042).
ALTER TABLE "Practice" ADD COLUMN     "brandReports" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "logo" BYTEA,
ADD COLUMN     "logoType" TEXT;

-- The application checks the file (lib/practices/logo.ts); the database refuses what it never writes.
ALTER TABLE "Practice" ADD CONSTRAINT "Practice_logo_check" CHECK (
  ("logo" IS NULL) = ("logoType" IS NULL)
  AND ("logoType" IS NULL OR "logoType" IN ('image/png', 'image/jpeg'))
  AND ("logo" IS NULL OR octet_length("logo") <= 262144)
);

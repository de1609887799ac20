-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "lei" CHAR(20);


-- The database refuses what is not shaped like an LEI: 18 letters or digits and 2 check digits
-- (ISO 17442). The check digits themselves (ISO 7064 mod 97-10) are verified by the application.
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_lei_check" CHECK ("lei" IS NULL OR "lei" ~ '^[A-Z0-9]{18}[0-9]{2}$');

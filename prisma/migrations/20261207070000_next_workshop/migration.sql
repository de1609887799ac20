-- The next workshop a practice plans with a client: the portfolio's "Next workshop" column (issue 15).
ALTER TABLE "PracticeClient" ADD COLUMN     "nextWorkshopOn" DATE,
ADD COLUMN     "nextWorkshopTitle" TEXT;

-- What it is about only with a day.
ALTER TABLE "PracticeClient" ADD CONSTRAINT "PracticeClient_nextWorkshop_check" CHECK ("nextWorkshopTitle" IS NULL OR "nextWorkshopOn" IS NOT NULL);

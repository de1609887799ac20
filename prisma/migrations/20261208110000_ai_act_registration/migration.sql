-- CreateTable
CREATE TABLE "AiActRegistration" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "aiSystemId" UUID NOT NULL,
    "annexIIIArea" TEXT,
    "deployerName" TEXT NOT NULL DEFAULT '',
    "deployerAddress" TEXT NOT NULL DEFAULT '',
    "deployerContact" TEXT NOT NULL DEFAULT '',
    "submitterName" TEXT NOT NULL DEFAULT '',
    "submitterAddress" TEXT NOT NULL DEFAULT '',
    "submitterContact" TEXT NOT NULL DEFAULT '',
    "providerEuDatabaseUrl" TEXT NOT NULL DEFAULT '',
    "friaSummary" TEXT NOT NULL DEFAULT '',
    "dpiaSummary" TEXT NOT NULL DEFAULT '',
    "dpiaNotApplicable" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AiActRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AiActRegistration_organisationId_aiSystemId_key" ON "AiActRegistration"("organisationId", "aiSystemId");

-- AddForeignKey
ALTER TABLE "AiActRegistration" ADD CONSTRAINT "AiActRegistration_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiActRegistration" ADD CONSTRAINT "AiActRegistration_organisationId_aiSystemId_fkey" FOREIGN KEY ("organisationId", "aiSystemId") REFERENCES "AiSystem"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateTable
CREATE TABLE "PracticeApiToken" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "PracticeApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeInvitation" (
    "id" UUID NOT NULL,
    "practiceId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "PracticeRole" NOT NULL,
    "email" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" UUID,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "PracticeInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeAuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "practiceId" UUID NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PracticeAuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PracticeApiToken_tokenHash_key" ON "PracticeApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PracticeApiToken_practiceId_idx" ON "PracticeApiToken"("practiceId");

-- CreateIndex
CREATE INDEX "PracticeApiToken_createdById_idx" ON "PracticeApiToken"("createdById");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeInvitation_tokenHash_key" ON "PracticeInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "PracticeInvitation_practiceId_idx" ON "PracticeInvitation"("practiceId");

-- CreateIndex
CREATE INDEX "PracticeInvitation_createdById_idx" ON "PracticeInvitation"("createdById");

-- CreateIndex
CREATE INDEX "PracticeAuditEvent_practiceId_createdAt_idx" ON "PracticeAuditEvent"("practiceId", "createdAt");

-- CreateIndex
CREATE INDEX "PracticeAuditEvent_actorId_idx" ON "PracticeAuditEvent"("actorId");

-- AddForeignKey
ALTER TABLE "PracticeApiToken" ADD CONSTRAINT "PracticeApiToken_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeApiToken" ADD CONSTRAINT "PracticeApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeInvitation" ADD CONSTRAINT "PracticeInvitation_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeInvitation" ADD CONSTRAINT "PracticeInvitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeInvitation" ADD CONSTRAINT "PracticeInvitation_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAuditEvent" ADD CONSTRAINT "PracticeAuditEvent_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAuditEvent" ADD CONSTRAINT "PracticeAuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Enterprise sign-in (issue 17, docs/decisions/049): SSO connections per organisation, verified
-- domains, require-SSO with break-glass owners, SCIM tokens, users and groups.

-- CreateEnum
CREATE TYPE "MembershipSource" AS ENUM ('manual', 'sso', 'scim');

-- CreateEnum
CREATE TYPE "SignInMethod" AS ENUM ('password', 'oidc', 'saml');

-- CreateEnum
CREATE TYPE "SsoProtocol" AS ENUM ('oidc', 'saml');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "breakGlass" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "source" "MembershipSource" NOT NULL DEFAULT 'manual';

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "ssoRequired" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "method" "SignInMethod" NOT NULL DEFAULT 'password';

-- CreateTable
CREATE TABLE "SsoConnection" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "protocol" "SsoProtocol" NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "oidcIssuer" TEXT,
    "oidcClientId" TEXT,
    "oidcClientSecret" TEXT,
    "samlMetadataUrl" TEXT,
    "samlIdpEntityId" TEXT,
    "samlIdpSsoUrl" TEXT,
    "samlIdpCertificates" TEXT[],
    "samlAllowIdpInitiated" BOOLEAN NOT NULL DEFAULT true,
    "groupsAttribute" TEXT NOT NULL DEFAULT 'groups',
    "groupRoles" JSONB NOT NULL DEFAULT '[]',
    "defaultRole" "Role",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SsoConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoDomain" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "verificationToken" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "verifiedDomain" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoLoginError" (
    "id" UUID NOT NULL,
    "organisationId" UUID,
    "reference" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoLoginError_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamlRequest" (
    "id" TEXT NOT NULL,
    "connectionKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SamlRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimToken" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ScimToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimUser" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "userName" TEXT NOT NULL,
    "externalId" TEXT,
    "displayName" TEXT,
    "givenName" TEXT,
    "familyName" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ScimUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "organisationId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "scimUserId" UUID NOT NULL,

    CONSTRAINT "ScimGroupMember_pkey" PRIMARY KEY ("groupId","scimUserId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SsoConnection_organisationId_key" ON "SsoConnection"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoDomain_verifiedDomain_key" ON "SsoDomain"("verifiedDomain");

-- CreateIndex
CREATE UNIQUE INDEX "SsoDomain_organisationId_domain_key" ON "SsoDomain"("organisationId", "domain");

-- CreateIndex
CREATE UNIQUE INDEX "SsoLoginError_reference_key" ON "SsoLoginError"("reference");

-- CreateIndex
CREATE INDEX "SsoLoginError_organisationId_createdAt_idx" ON "SsoLoginError"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "SamlRequest_expiresAt_idx" ON "SamlRequest"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_tokenHash_key" ON "ScimToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ScimToken_organisationId_idx" ON "ScimToken"("organisationId");

-- CreateIndex
CREATE INDEX "ScimUser_organisationId_externalId_idx" ON "ScimUser"("organisationId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_organisationId_id_key" ON "ScimUser"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_organisationId_userId_key" ON "ScimUser"("organisationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_organisationId_userName_key" ON "ScimUser"("organisationId", "userName");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_organisationId_id_key" ON "ScimGroup"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_organisationId_displayName_key" ON "ScimGroup"("organisationId", "displayName");

-- CreateIndex
CREATE INDEX "ScimGroupMember_organisationId_scimUserId_idx" ON "ScimGroupMember"("organisationId", "scimUserId");

-- AddForeignKey
ALTER TABLE "SsoConnection" ADD CONSTRAINT "SsoConnection_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoDomain" ADD CONSTRAINT "SsoDomain_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoLoginError" ADD CONSTRAINT "SsoLoginError_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimUser" ADD CONSTRAINT "ScimUser_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimUser" ADD CONSTRAINT "ScimUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroup" ADD CONSTRAINT "ScimGroup_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_organisationId_groupId_fkey" FOREIGN KEY ("organisationId", "groupId") REFERENCES "ScimGroup"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_organisationId_scimUserId_fkey" FOREIGN KEY ("organisationId", "scimUserId") REFERENCES "ScimUser"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


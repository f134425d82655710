// Prisma 7 checks for its native schema-engine binary before `generate` and tries to download it,
// which cannot work offline. `generate` needs no engine (the client runs on the Wasm query
// compiler plus a driver adapter), so point the check at a harmless binary. Migrations run through
// @prisma/schema-engine-wasm instead: see server/db/migrate.ts.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

import "dotenv/config";
import { defineConfig, env } from "prisma/config";

// Prisma 7: the CLI (and so `prisma migrate`) connects with datasource.url; the app, through
// @prisma/adapter-pg. Here both use the pooled DATABASE_URL.
export default defineConfig({
  datasource: {
    url: env("DATABASE_URL"),
  },
});

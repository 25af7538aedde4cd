-- Hand-written (drizzle-kit does not manage extensions): trigram indexes for the
-- Users page search need pg_trgm. It is a trusted extension (PostgreSQL 13+), so
-- the database owner can create it; PGlite loads it in lib/db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

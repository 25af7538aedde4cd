-- Hand-written (drizzle-kit does not manage extensions): the trigram indexes of
-- the Users page search (next migration) need pg_trgm. It is a trusted extension
-- (PostgreSQL 13+), so the database owner can create it; PGlite loads it in
-- lib/db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

import postgres from "postgres";

/** Direct access to the e2e database, to compare what pages show with the truth. */
export function e2eSql() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set; run the suite with `npm run e2e`");
  return postgres(url, { max: 2, onnotice: () => {} });
}

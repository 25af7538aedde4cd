/**
 * Operator CLI: `npm run -s roster -- <command> [options]`. For the people who
 * run Roster (and for tests and outside tools, which set organisations up
 * with it). With --json, stdout carries exactly one JSON object (`audit`: one
 * a line); everything
 * else goes to stderr, and errors exit non-zero.
 */
import { parseArgs } from "node:util";
import { logToStderr } from "@/lib/log/logger";
import { commands, type CommandName } from "./cli/commands";
import { CliError } from "./cli/io";

logToStderr();

const HELP = `Roster operator CLI

Usage: npm run -s roster -- <command> [options]

Commands:
  create-org    --name NAME --seats N [--slug SLUG] [--plan enterprise|team|free]
                [--billing card|invoice] [--owner EMAIL] [--scim] [--json]
                Create an organisation; --owner creates (or links) its active owner;
                --scim enables SCIM and prints a new token (scimBaseUrl, scimToken).
  add-seats     --org SLUG --count N [--json]      Buy N more seats (operator, no charge).
  create-owner  --org SLUG --email EMAIL [--json]  Give an organisation without an owner its owner.
  enable-scim   --org SLUG [--json]                Turn SCIM on and issue a token.
  issue-token   --org SLUG [--label TEXT] [--json] Issue another SCIM token (rotation).
  set-sso       --org SLUG --metadata FILE [--idp-initiated] [--json]
                Configure (or replace) the organisation's SAML connection from the
                IdP's metadata XML; prints acsUrl, entityId and metadataUrl.
  audit         --org SLUG [--since ISO] [--json]
                The organisation's audit trail, newest first, one entry a line;
                with --json one JSON object a line: at, action, actor, target
                (who it was about, as they were: name and email), details, sentence.
  webhook-add   --org SLUG --url URL --events E1,E2 [--json]
                Add a webhook endpoint; prints its id and signing secret (shown once).
  webhook-list  --org SLUG [--json]                List the organisation's webhook endpoints.
  migrate                                          Apply database migrations.
  seed                                             Load the Acme and Globex demo data.

Database: DATABASE_URL (PostgreSQL) when set, else the embedded database in DATA_DIR (.data).
Migrations are applied before every command.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name ? 0 : 1;
  }
  const command = commands[name as CommandName];
  if (!command) throw new CliError(`Unknown command "${name}". Run with --help to see the commands.`);
  const { values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }) as {
    values: Record<string, string | boolean | undefined>;
  };
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  await command.run(values);
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`roster: ${message}`);
    process.exit(1);
  });

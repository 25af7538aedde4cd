import { invalidFilter, invalidValue } from "./errors";
import type { AttrPath, Filter } from "./filter/ast";
import { FilterSyntaxError, parseAttrPath, parseFilter } from "./filter/parse";
import type { JsonObject } from "./normalize";
import { URN } from "./schemas/urns";

/** Announced as filter.maxResults in /ServiceProviderConfig; a larger `count` is cut to it (RFC 7644 §3.4.2.4). */
export const MAX_RESULTS = 1000;
const DEFAULT_COUNT = 100;

export interface ListQuery {
  filter?: Filter;
  /** 1-based (RFC 7644 §3.4.2.4); values below 1 mean 1. */
  startIndex: number;
  count: number;
  sortBy?: AttrPath;
  descending: boolean;
}

function integerParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw invalidValue(`${name} must be an integer, not "${raw}".`);
  return n;
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const rawFilter = params.get("filter");
  let filter: Filter | undefined;
  if (rawFilter !== null && rawFilter.trim() !== "") {
    try {
      filter = parseFilter(rawFilter);
    } catch (e) {
      if (e instanceof FilterSyntaxError) throw invalidFilter(`Invalid filter at character ${e.position + 1}: ${e.message}.`);
      throw e;
    }
  }
  const startIndex = Math.max(1, integerParam(params, "startIndex") ?? 1);
  const count = Math.min(MAX_RESULTS, Math.max(0, integerParam(params, "count") ?? DEFAULT_COUNT));
  const rawSort = params.get("sortBy");
  let sortBy: AttrPath | undefined;
  if (rawSort !== null && rawSort.trim() !== "") {
    try {
      sortBy = parseAttrPath(rawSort.trim());
    } catch {
      throw invalidValue(`sortBy "${rawSort}" is not an attribute path.`);
    }
  }
  const order = (params.get("sortOrder") ?? "ascending").trim().toLowerCase();
  if (order !== "ascending" && order !== "descending") throw invalidValue('sortOrder must be "ascending" or "descending".');
  return { ...(filter ? { filter } : {}), startIndex, count, ...(sortBy ? { sortBy } : {}), descending: order === "descending" };
}

export function listResponse(resources: JsonObject[], total: number, startIndex: number): JsonObject {
  return {
    schemas: [URN.listResponse],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

import { metricsEndpoint } from "@/lib/metrics/endpoint";

export const dynamic = "force-dynamic";

/** Prometheus scrapes this instance here (METRICS_TOKEN; README "Running it"). */
export const GET = metricsEndpoint;

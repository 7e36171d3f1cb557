// Generated from services/mesh-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/v1/metrics/{source}/{destination}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Golden metrics of source -> destination calls: RPS, success rate, latency p50/p95/p99
         * @description Merged from per-minute histograms with fixed log-scale buckets, exact across any number of mesh-svc replicas. `*` as source: every source together. The window is its whole minutes plus the current one.
         */
        get: operations["getCallMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metrics/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a batch of calls a client made (discovery-aware clients do this on their own)
         * @description Each call lands in the minute it ended by the Redis clock (report time minus agoMs), so client clocks need not agree.
         */
        post: operations["reportCalls"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proxy/{destination}/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GET through the mesh: forwarded to a healthy instance with the route's policy
         * @description The path after the destination (and the query) go to the chosen instance. The caller names itself in x-trellis-source (else anonymous); x-request-id is propagated. The answer is passed through, with x-trellis-upstream (instance id) and x-trellis-attempts. 503: no healthy instance or overflow; 504: the route timeout passed; 502: the connection broke.
         */
        get: operations["proxyGet"];
        /**
         * PUT through the mesh: forwarded to a healthy instance with the route's policy
         * @description The path after the destination (and the query) go to the chosen instance. The caller names itself in x-trellis-source (else anonymous); x-request-id is propagated. The answer is passed through, with x-trellis-upstream (instance id) and x-trellis-attempts. 503: no healthy instance or overflow; 504: the route timeout passed; 502: the connection broke.
         */
        put: operations["proxyPut"];
        /**
         * POST through the mesh: forwarded to a healthy instance with the route's policy
         * @description The path after the destination (and the query) go to the chosen instance. The caller names itself in x-trellis-source (else anonymous); x-request-id is propagated. The answer is passed through, with x-trellis-upstream (instance id) and x-trellis-attempts. 503: no healthy instance or overflow; 504: the route timeout passed; 502: the connection broke.
         */
        post: operations["proxyPost"];
        /**
         * DELETE through the mesh: forwarded to a healthy instance with the route's policy
         * @description The path after the destination (and the query) go to the chosen instance. The caller names itself in x-trellis-source (else anonymous); x-request-id is propagated. The answer is passed through, with x-trellis-upstream (instance id) and x-trellis-attempts. 503: no healthy instance or overflow; 504: the route timeout passed; 502: the connection broke.
         */
        delete: operations["proxyDelete"];
        /**
         * OPTIONS through the mesh: forwarded to a healthy instance with the route's policy
         * @description The path after the destination (and the query) go to the chosen instance. The caller names itself in x-trellis-source (else anonymous); x-request-id is propagated. The answer is passed through, with x-trellis-upstream (instance id) and x-trellis-attempts. 503: no healthy instance or overflow; 504: the route timeout passed; 502: the connection broke.
         */
        options: operations["proxyOptions"];
        head?: never;
        /**
         * PATCH through the mesh: forwarded to a healthy instance with the route's policy
         * @description The path after the destination (and the query) go to the chosen instance. The caller names itself in x-trellis-source (else anonymous); x-request-id is propagated. The answer is passed through, with x-trellis-upstream (instance id) and x-trellis-attempts. 503: no healthy instance or overflow; 504: the route timeout passed; 502: the connection broke.
         */
        patch: operations["proxyPatch"];
        trace?: never;
    };
    "/v1/resolve/{source}/{destination}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The healthy instances a source should call for a destination, with their traffic shares after the route splits
         * @description Live instances from registry-svc, less those health-svc reports critical or in maintenance (warning ones only when nothing passing is left). `effectiveWeight` is the percent of traffic each should get.
         */
        get: operations["resolve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored routes, by destination then source, a page at a time */
        get: operations["listRoutes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routes/{source}/{destination}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The route a source uses for a destination: its own, else the `*` route, else the default
         * @description `origin` says which. ETag is set when the route is stored under exactly this source.
         */
        get: operations["getRoute"];
        /**
         * Create or replace the route a source uses for a destination
         * @description Fields left out take their defaults. `*` as source sets the route of every caller without its own. Optimistic concurrency with If-Match (ETag = revision) or If-None-Match: *. Watchers are told at once.
         */
        put: operations["putRoute"];
        post?: never;
        /** Delete a route; the source falls back to the `*` route, then the default */
        delete: operations["deleteRoute"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routes/{source}/{destination}/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch what can change the route a source uses for a destination (its own route and the `*` one) */
        get: operations["watchRoute"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routes/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch every route change: Server-Sent Events, or a long-poll with afterRevision */
        get: operations["watchRoutes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description Calls as the caller saw them; `source` is the default source of each call (else `anonymous`) */
        CallBatch: {
            calls: {
                /** @description How long before this report the call ended (default 0): no clock needs to agree */
                agoMs?: number;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
                latencyMs: number;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                source?: string;
                /** @description HTTP status; 0 when no response came (connect failure, timeout) */
                status: number;
            }[];
            /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
            source?: string;
        };
        CallMetrics: {
            destination: string;
            /** @description 5xx answers and calls without an answer */
            failures: number;
            /**
             * Format: date-time
             * @description Start of the oldest whole minute counted
             */
            from: string;
            latencyMs: {
                /** @description Mean */
                mean: number | null;
                /** @description Median */
                p50: number | null;
                /** @description 95th percentile */
                p95: number | null;
                /** @description 99th percentile */
                p99: number | null;
            };
            /** @description Percentiles are within this relative distance of the exact ones */
            relativeError: number;
            requests: number;
            /** @description requests / seconds from `from` to `to` */
            rps: number;
            /** @description `*` for every source together */
            source: string;
            /** @description null without requests */
            successRate: number | null;
            /**
             * Format: date-time
             * @description Now (the current minute counts so far)
             */
            to: string;
            /** @enum {string} */
            window: "1m" | "5m" | "1h";
        };
        /** @description RFC 9457 problem details */
        Problem: {
            /** @description Stable machine-readable error code, e.g. VALIDATION_FAILED */
            code: string;
            /** @description On 412: the ETag the resource has now */
            currentETag?: string;
            detail?: string;
            /** @description Every validation failure, for 400 VALIDATION_FAILED */
            errors?: {
                message: string;
                path: string;
            }[];
            /** @description The request path */
            instance?: string;
            requestId?: string;
            retryAfterSeconds?: number;
            status: number;
            title: string;
            /** @description URI reference identifying the problem type */
            type: string;
        } & {
            [key: string]: unknown;
        };
        Resolution: {
            destination: string;
            /** @description Splits with no healthy instance: their share went to the others */
            emptySplits: string[];
            /**
             * @description applied: health-svc statuses filtered the list; unavailable: health-svc could not be read, so nothing was filtered
             * @enum {string}
             */
            health: "applied" | "unavailable" | "not-configured";
            instances: components["schemas"]["ResolvedInstance"][];
            registryRevision: number;
            route: {
                /**
                 * @description round-robin | random | least-connections | weighted (registry weights) | p2c-ewma (Linkerd)
                 * @enum {string}
                 */
                loadBalancer: "round-robin" | "random" | "least-connections" | "weighted" | "p2c-ewma";
                /**
                 * @description explicit: set for this source; wildcard: the `*` route of the destination; default: nothing set
                 * @enum {string}
                 */
                origin: "explicit" | "wildcard" | "default";
                revision: number;
            };
            source: string;
            /** @description No split matched any instance, so every instance takes traffic */
            splitFallback: boolean;
            /** @description Splits that have instances, with their share after redistribution */
            splits: {
                instances: number;
                name: string;
                percent: number;
                weight: number;
            }[];
        };
        ResolvedInstance: {
            /** @description Percent of the traffic it should get; all instances sum to 100 */
            effectiveWeight: number;
            /**
             * @description What health-svc says; unknown when it has not checked the instance or is not configured
             * @enum {string}
             */
            health: "passing" | "warning" | "unknown";
            host: string;
            instanceId: string;
            port: number;
            /** @description The split the instance serves, null without splits */
            split: string | null;
            tags: string[];
            version: string;
            /** @description Registry weight */
            weight: number;
            zone: string;
        };
        Route: {
            /** @description Route revision this answer reflects: watch from here to miss no change */
            asOfRevision: number;
            /** Format: date-time */
            createdAt: string | null;
            destination: string;
            /**
             * @description explicit: set for this source; wildcard: the `*` route of the destination; default: nothing set
             * @enum {string}
             */
            origin: "explicit" | "wildcard" | "default";
            policy: components["schemas"]["RoutePolicy"];
            /** @description Revision of the stored route (0 for the default); also its ETag */
            revision: number;
            /** @description The caller asked about (or `*`) */
            source: string;
            /** Format: date-time */
            updatedAt: string | null;
        };
        RouteEvent: {
            data: {
                destination: string;
                /** @description null when deleted */
                policy: components["schemas"]["RoutePolicy"] | null;
                source: string;
            };
            revision: number;
            /** @description Server time of the change, ms since epoch */
            time: number;
            /** @enum {string} */
            type: "updated" | "deleted";
        };
        RouteEventPage: {
            /** @description Events after afterRevision are gone: re-read, then watch from revision */
            compacted: boolean;
            events: components["schemas"]["RouteEvent"][];
            /** @description Resume from here with afterRevision */
            revision: number;
        };
        RouteList: {
            items: components["schemas"]["Route"][];
            /** @description Pass as cursor for the next page; null at the end */
            nextCursor: string | null;
            /** @description Route revision the page reflects: watch from here */
            revision: number;
        };
        /** @description A route with every default filled in */
        RoutePolicy: {
            circuitBreaker: {
                maxPending: number;
                maxRequests: number;
            };
            /**
             * @description round-robin | random | least-connections | weighted (registry weights) | p2c-ewma (Linkerd)
             * @enum {string}
             */
            loadBalancer: "round-robin" | "random" | "least-connections" | "weighted" | "p2c-ewma";
            outlierDetection: {
                baseEjectionMs: number;
                consecutive5xx: number;
                intervalMs: number;
                maxEjectionPercent: number;
                panicThresholdPercent: number;
            };
            /** @description One attempt; at most timeoutMs (default 5000, capped at timeoutMs) */
            perTryTimeoutMs: number;
            retries: {
                backoff: {
                    baseMs: number;
                    maxMs: number;
                };
                budget: {
                    minRetriesPerSecond: number;
                    ratio: number;
                };
                max: number;
                retriableStatusCodes: number[];
                retryOn: ("connect-failure" | "5xx" | "gateway-error" | "retriable-status-codes")[];
            };
            /** @description Canary / version splits; empty: every instance */
            splits: components["schemas"]["Split"][];
            /** @description Whole call until the response headers, retries included (default 15000) */
            timeoutMs: number;
        };
        /** @description The whole route (PUT replaces it): every field left out takes the default shown in its description */
        RoutePolicyInput: {
            circuitBreaker?: {
                /** @description Calls waiting for a slot before failing fast (default 1024) */
                maxPending?: number;
                /** @description Calls in flight per caller (default 1024) */
                maxRequests?: number;
            };
            /**
             * @description round-robin | random | least-connections | weighted (registry weights) | p2c-ewma (Linkerd)
             * @enum {string}
             */
            loadBalancer?: "round-robin" | "random" | "least-connections" | "weighted" | "p2c-ewma";
            outlierDetection?: {
                /** @description x times ejected (default 30000) */
                baseEjectionMs?: number;
                /** @description Failures in a row that eject; 0 never ejects (default 5) */
                consecutive5xx?: number;
                /** @description Each healthy interval forgives one ejection (default 10000) */
                intervalMs?: number;
                /** @description default 10; at least one instance may be ejected */
                maxEjectionPercent?: number;
                /** @description Below this share usable, use all (default 50) */
                panicThresholdPercent?: number;
            };
            /** @description One attempt; at most timeoutMs (default 5000, capped at timeoutMs) */
            perTryTimeoutMs?: number;
            retries?: {
                /** @description Fully jittered exponential backoff */
                backoff?: {
                    /** @description default 25 */
                    baseMs?: number;
                    /** @description default 250 */
                    maxMs?: number;
                };
                budget?: {
                    /** @description Retries always allowed (default 10) */
                    minRetriesPerSecond?: number;
                    /** @description Retries per request over 10 s (default 0.2) */
                    ratio?: number;
                };
                /** @description Retries after the first attempt (default 2) */
                max?: number;
                /** @description For retryOn retriable-status-codes (default [503] when retryOn is left out) */
                retriableStatusCodes?: number[];
                /** @description default connect-failure, retriable-status-codes */
                retryOn?: ("connect-failure" | "5xx" | "gateway-error" | "retriable-status-codes")[];
            };
            /** @description Canary / version splits; empty: every instance */
            splits?: components["schemas"]["Split"][];
            /** @description Whole call until the response headers, retries included (default 15000) */
            timeoutMs?: number;
        };
        /** @description Instances matching version and/or tag share `weight`; an instance joins its first matching split */
        Split: {
            name?: string;
            tag?: string;
            /** @description Instances with exactly this version */
            version?: string;
            /** @description Relative share of the traffic */
            weight: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    getCallMetrics: {
        parameters: {
            query?: {
                window?: "1m" | "5m" | "1h";
            };
            header?: never;
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
                /** @description The calling service, or `*` for the route every caller without its own route uses */
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallMetrics"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reportCalls: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallBatch"];
            };
        };
        responses: {
            /** @description Recorded */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    proxyGet: {
        parameters: {
            query?: never;
            header?: {
                /** @description The calling service */
                "x-trellis-source"?: string;
            };
            path: {
                "*": string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination's answer, passed through (any status and body) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    proxyPut: {
        parameters: {
            query?: never;
            header?: {
                /** @description The calling service */
                "x-trellis-source"?: string;
            };
            path: {
                "*": string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination's answer, passed through (any status and body) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    proxyPost: {
        parameters: {
            query?: never;
            header?: {
                /** @description The calling service */
                "x-trellis-source"?: string;
            };
            path: {
                "*": string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination's answer, passed through (any status and body) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    proxyDelete: {
        parameters: {
            query?: never;
            header?: {
                /** @description The calling service */
                "x-trellis-source"?: string;
            };
            path: {
                "*": string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination's answer, passed through (any status and body) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    proxyOptions: {
        parameters: {
            query?: never;
            header?: {
                /** @description The calling service */
                "x-trellis-source"?: string;
            };
            path: {
                "*": string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination's answer, passed through (any status and body) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    proxyPatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description The calling service */
                "x-trellis-source"?: string;
            };
            path: {
                "*": string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination's answer, passed through (any status and body) */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Server Error */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Resolution"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRoutes: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteList"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRoute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
                /** @description The calling service, or `*` for the route every caller without its own route uses */
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Route"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putRoute: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the route being replaced (`*`: any existing route) */
                "if-match"?: string;
                /** @description `*`: only create, never replace */
                "if-none-match"?: "*";
            };
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
                /** @description The calling service, or `*` for the route every caller without its own route uses */
                source: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoutePolicyInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Route"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Route"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Failed */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteRoute: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
                /** @description The calling service, or `*` for the route every caller without its own route uses */
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Failed */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    watchRoute: {
        parameters: {
            query?: {
                /** @description Long-poll: answer JSON with the events after this revision */
                afterRevision?: number;
                /** @description SSE: start after this revision (Last-Event-ID takes precedence) */
                fromRevision?: number;
                /** @description Long-poll: how long to wait for an event */
                timeoutSeconds?: number;
            };
            header?: never;
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                destination: string;
                /** @description The calling service, or `*` for the route every caller without its own route uses */
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-read. With afterRevision: a JSON RouteEventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteEventPage"];
                    "text/event-stream": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    watchRoutes: {
        parameters: {
            query?: {
                /** @description Long-poll: answer JSON with the events after this revision */
                afterRevision?: number;
                /** @description SSE: start after this revision (Last-Event-ID takes precedence) */
                fromRevision?: number;
                /** @description Long-poll: how long to wait for an event */
                timeoutSeconds?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-read. With afterRevision: a JSON RouteEventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteEventPage"];
                    "text/event-stream": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
}

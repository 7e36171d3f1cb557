// Generated from services/limits-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/v1/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide one call of a subject against several policies in one atomic step
         * @description ONE EVALSHA, time from Redis. Admitted: 200 with the decision. Denied: 429 application/problem+json (code RATE_LIMITED) carrying the same decision members, with Retry-After. Both carry the IETF RateLimit and RateLimit-Policy fields (draft 11). Shadow policies are decided and reported (limited) but always admit. A subject known here to be over its limit is answered from this instance's cache without Redis (source: cache); while Redis is unreachable each policy's failMode answers (source: fail-open / fail-closed). 404 POLICY_NOT_FOUND for an undefined policy; 422 COST_EXCEEDS_LIMIT for a cost no state could ever admit. All policies are decided in ONE script over keys that share the subject's hash tag; a call denied by any enforced policy is charged to none (a policy that itself denied and has chargeRejected still counts it). The top-level members name the most restrictive policy.
         */
        post: operations["checkPolicies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counters/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A counter's value and TTL */
        get: operations["getCounter"];
        put?: never;
        post?: never;
        /** Reset (delete) a counter */
        delete: operations["resetCounter"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counters/{name}/decrement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Subtract from a counter atomically
         * @description One script: INCRBY, and for a counter this call creates, the TTL in the same step (never a separate EXPIRE). An existing counter keeps its TTL. 422 when the value would leave +-(2^53 - 1).
         */
        post: operations["decrementCounter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counters/{name}/increment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add to a counter atomically
         * @description One script: INCRBY, and for a counter this call creates, the TTL in the same step (never a separate EXPIRE). An existing counter keeps its TTL. 422 when the value would leave +-(2^53 - 1).
         */
        post: operations["incrementCounter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Policies in name order, a page at a time */
        get: operations["listPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{policy}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A policy, with its ETag */
        get: operations["getPolicy"];
        /**
         * Create or replace a rate-limit policy
         * @description Optional If-Match ("<revision>" or *) makes the write conditional: 412 with currentETag on mismatch. Every instance picks the change up from the change log at once. Changing algorithm or window starts subjects from a clean state; changing only limit, burst or flags keeps their counts.
         */
        put: operations["putPolicy"];
        post?: never;
        /** Delete a policy (subjects' state expires on its own) */
        delete: operations["deletePolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{policy}/block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Block a subject under a policy for a duration
         * @description Every check of the subject against this policy is denied (and charged nothing) until the block lapses or is lifted.
         */
        post: operations["blockPolicyKey"];
        /** Lift a subject's block under a policy */
        delete: operations["unblockPolicyKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{policy}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide (and charge) one call of a subject against one policy
         * @description ONE EVALSHA, time from Redis. Admitted: 200 with the decision. Denied: 429 application/problem+json (code RATE_LIMITED) carrying the same decision members, with Retry-After. Both carry the IETF RateLimit and RateLimit-Policy fields (draft 11). Shadow policies are decided and reported (limited) but always admit. A subject known here to be over its limit is answered from this instance's cache without Redis (source: cache); while Redis is unreachable each policy's failMode answers (source: fail-open / fail-closed). 404 POLICY_NOT_FOUND for an undefined policy; 422 COST_EXCEEDS_LIMIT for a cost no state could ever admit.
         */
        post: operations["checkPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{policy}/penalty": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Penalty: consume points from a subject (beyond the limit if need be)
         * @description One script; answers the standing after the adjustment (limited: would a call of cost 1 be denied now).
         */
        post: operations["penaltyPolicyKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{policy}/reward": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reward: give a subject points back (never beyond a fresh state)
         * @description One script; answers the standing after the adjustment (limited: would a call of cost 1 be denied now).
         */
        post: operations["rewardPolicyKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/{policy}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A subject's standing under a policy, consuming nothing
         * @description limited tells whether a call of `cost` (default 1) would be denied now; nothing is written.
         */
        get: operations["peekPolicy"];
        put?: never;
        post?: never;
        /** Reset a subject under a policy: its count and any block */
        delete: operations["resetPolicyKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quotas in name order, a page at a time */
        get: operations["listQuotas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas/{quota}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A quota definition, with its ETag */
        get: operations["getQuota"];
        /**
         * Set a quota's limit per calendar period in a time zone
         * @description Optional If-Match ("<revision>" or *): 412 with currentETag on mismatch. 400 INVALID_DEFINITION for an unknown time zone.
         */
        put: operations["putQuota"];
        post?: never;
        /** Delete a quota (consuming it then answers 404) */
        delete: operations["deleteQuota"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas/{quota}/consume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Consume from a subject's quota for the current period, only if it all fits
         * @description Checks before it charges, in one script: 200 with the usage when charged; 429 problem+json (QUOTA_EXCEEDED, Retry-After = until the period ends) when refused, and nothing is charged. 404 QUOTA_NOT_FOUND when the quota has no limit set.
         */
        post: operations["consumeQuota"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas/{quota}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give back part of what the current period used (never below zero) */
        post: operations["refundQuota"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotas/{quota}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subject's usage in the current period */
        get: operations["getQuotaUsage"];
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
        Adjustment: {
            /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
            key: string;
            points: number;
        };
        BlockRequest: {
            durationSeconds: number;
            /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
            key: string;
        };
        CheckRequest: {
            /** @default 1 */
            cost?: number;
            /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
            key: string;
        };
        Counter: {
            name: string;
            /** @description Milliseconds until it expires; null when it never does */
            ttlMs: number | null;
            value: number;
        };
        CounterChange: {
            /** @default 1 */
            by?: number;
            /** @description Expiry of a counter this call creates, set in the same atomic step; an existing counter keeps its TTL */
            ttlSeconds?: number;
        };
        Decision: {
            allowed: boolean;
            limit: number;
            /** @description Some policy decided to deny, shadow ones included */
            limited: boolean;
            /** @description The most restrictive policy: the denying one with the longest wait, else the one with least remaining */
            policy: string;
            remaining: number;
            resetAfterMs: number;
            results: components["schemas"]["PolicyDecision"][];
            retryAfterMs: number;
            /** @description Redis time of the decision (this instance's clock when not decided in Redis) */
            serverTimeMs: number;
            /**
             * @description redis: decided in Redis; cache: denied from this instance's cache of subjects known to be over a limit; fail-open/fail-closed: Redis was unreachable and the policy's failMode answered
             * @enum {string}
             */
            source: "redis" | "cache" | "fail-open" | "fail-closed";
        };
        MultiCheckRequest: {
            /** @default 1 */
            cost?: number;
            /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
            key: string;
            policies: string[];
        };
        Policy: {
            /**
             * @description sliding-log: exact, one entry per admitted unit; sliding-window: Cloudflare two-counter approximation; token-bucket: refills limit per window; gcra: as redis-cell; fixed-window: epoch-aligned windows
             * @enum {string}
             */
            algorithm: "sliding-log" | "sliding-window" | "token-bucket" | "gcra" | "fixed-window";
            /**
             * @description token-bucket and gcra only: extra capacity above limit (the bucket holds limit + burst)
             * @default 0
             */
            burst?: number;
            /**
             * @description Count denied calls too (a flooding client stays limited); by default a denied call costs nothing
             * @default false
             */
            chargeRejected?: boolean;
            description?: string;
            /**
             * @description What a check answers while Redis is unreachable: open admits, closed denies
             * @enum {string}
             */
            failMode: "open" | "closed";
            /** @description Units admitted per window */
            limit: number;
            name: string;
            /** @description Change-log revision of the last write; the ETag is "<revision>" */
            revision: number;
            /**
             * @description Decide and report, never enforce
             * @default false
             */
            shadow?: boolean;
            /** Format: date-time */
            updatedAt: string;
            windowSeconds: number;
        };
        PolicyDecision: {
            algorithm: string;
            /** @description What this policy enforces (always true for a shadow policy) */
            allowed: boolean;
            /** @description Remaining manual block; 0 when not blocked */
            blockedForMs: number;
            /** @description Units charged by this call */
            charged: number;
            /** @enum {string} */
            failMode: "open" | "closed";
            /** @description Most units admissible at once: limit, plus burst for token-bucket and gcra */
            limit: number;
            /** @description What this policy decided, shadow or not */
            limited: boolean;
            policy: string;
            remaining: number;
            /** @description Until the full limit is available again */
            resetAfterMs: number;
            /** @description Until this call would be admitted; 0 when it was */
            retryAfterMs: number;
            shadow: boolean;
            windowSeconds: number;
        };
        PolicyList: {
            items: components["schemas"]["Policy"][];
            /** @description Pass as cursor for the next page; null on the last */
            nextCursor: string | null;
        };
        PolicySpec: {
            /**
             * @description sliding-log: exact, one entry per admitted unit; sliding-window: Cloudflare two-counter approximation; token-bucket: refills limit per window; gcra: as redis-cell; fixed-window: epoch-aligned windows
             * @enum {string}
             */
            algorithm: "sliding-log" | "sliding-window" | "token-bucket" | "gcra" | "fixed-window";
            /**
             * @description token-bucket and gcra only: extra capacity above limit (the bucket holds limit + burst)
             * @default 0
             */
            burst?: number;
            /**
             * @description Count denied calls too (a flooding client stays limited); by default a denied call costs nothing
             * @default false
             */
            chargeRejected?: boolean;
            description?: string;
            /**
             * @description What a check answers while Redis is unreachable: open admits, closed denies
             * @enum {string}
             */
            failMode: "open" | "closed";
            /** @description Units admitted per window */
            limit: number;
            /**
             * @description Decide and report, never enforce
             * @default false
             */
            shadow?: boolean;
            windowSeconds: number;
        };
        /** @description A subject's standing under one policy; limited tells whether a call of the asked cost would be denied now */
        PolicyState: {
            algorithm: string;
            /** @description What this policy enforces (always true for a shadow policy) */
            allowed: boolean;
            /** @description Remaining manual block; 0 when not blocked */
            blockedForMs: number;
            /** @description Units charged by this call */
            charged: number;
            /** @enum {string} */
            failMode: "open" | "closed";
            key: string;
            /** @description Most units admissible at once: limit, plus burst for token-bucket and gcra */
            limit: number;
            /** @description What this policy decided, shadow or not */
            limited: boolean;
            policy: string;
            remaining: number;
            /** @description Until the full limit is available again */
            resetAfterMs: number;
            /** @description Until this call would be admitted; 0 when it was */
            retryAfterMs: number;
            shadow: boolean;
            windowSeconds: number;
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
        Quota: {
            description?: string;
            limit: number;
            name: string;
            /**
             * @description Calendar period in timeZone; weeks start on Monday (ISO 8601)
             * @enum {string}
             */
            period: "day" | "week" | "month" | "year";
            revision: number;
            /** @description IANA time zone, e.g. Europe/Berlin or UTC */
            timeZone: string;
            /** Format: date-time */
            updatedAt: string;
        };
        QuotaChange: {
            /** @default 1 */
            amount?: number;
            /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
            key: string;
        };
        /** @description A refused consume (nothing was charged) */
        QuotaExceededProblem: {
            allowed: boolean;
            /** @description QUOTA_EXCEEDED */
            code: string;
            detail?: string;
            instance?: string;
            key: string;
            limit: number;
            period: string;
            /**
             * Format: date-time
             * @description End of the period (exclusive); usage resets then
             */
            periodEnd: string;
            /**
             * Format: date-time
             * @description Start of the current period, with the zone's offset
             */
            periodStart: string;
            quota: string;
            remaining: number;
            requestId?: string;
            resetAfterMs: number;
            retryAfterSeconds?: number;
            status: number;
            timeZone: string;
            title: string;
            type: string;
            used: number;
        } & {
            [key: string]: unknown;
        };
        QuotaList: {
            items: components["schemas"]["Quota"][];
            nextCursor: string | null;
        };
        QuotaSpec: {
            description?: string;
            limit: number;
            /**
             * @description Calendar period in timeZone; weeks start on Monday (ISO 8601)
             * @enum {string}
             */
            period: "day" | "week" | "month" | "year";
            /** @description IANA time zone, e.g. Europe/Berlin or UTC */
            timeZone: string;
        };
        QuotaUsage: {
            /** @description consume only: whether the amount was charged */
            allowed?: boolean;
            key: string;
            limit: number;
            period: string;
            /**
             * Format: date-time
             * @description End of the period (exclusive); usage resets then
             */
            periodEnd: string;
            /**
             * Format: date-time
             * @description Start of the current period, with the zone's offset
             */
            periodStart: string;
            quota: string;
            /** @description refund only: how much was given back */
            refunded?: number;
            remaining: number;
            resetAfterMs: number;
            timeZone: string;
            used: number;
        };
        /** @description A denied check: problem+json (429) carrying the whole decision as extension members */
        RateLimitedProblem: {
            allowed: boolean;
            /** @description RATE_LIMITED */
            code: string;
            detail?: string;
            instance?: string;
            limit: number;
            /** @description Some policy decided to deny, shadow ones included */
            limited: boolean;
            /** @description The most restrictive policy: the denying one with the longest wait, else the one with least remaining */
            policy: string;
            remaining: number;
            requestId?: string;
            resetAfterMs: number;
            results: components["schemas"]["PolicyDecision"][];
            retryAfterMs: number;
            retryAfterSeconds?: number;
            /** @description Redis time of the decision (this instance's clock when not decided in Redis) */
            serverTimeMs: number;
            /**
             * @description redis: decided in Redis; cache: denied from this instance's cache of subjects known to be over a limit; fail-open/fail-closed: Redis was unreachable and the policy's failMode answered
             * @enum {string}
             */
            source: "redis" | "cache" | "fail-open" | "fail-closed";
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
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
    checkPolicies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MultiCheckRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Decision"];
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
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A denied check: problem+json (429) carrying the whole decision as extension members */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitedProblem"];
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
    getCounter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : @ -, 1..200 */
                name: string;
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
                    "application/json": components["schemas"]["Counter"];
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
            /** @description Not Found */
            404: {
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
    resetCounter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : @ -, 1..200 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
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
    decrementCounter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : @ -, 1..200 */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CounterChange"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Counter"];
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
            /** @description Unprocessable Content */
            422: {
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
    incrementCounter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : @ -, 1..200 */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CounterChange"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Counter"];
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
            /** @description Unprocessable Content */
            422: {
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
    listPolicies: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
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
                    "application/json": components["schemas"]["PolicyList"];
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
    getPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
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
                    "application/json": components["schemas"]["Policy"];
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
            /** @description Not Found */
            404: {
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
    putPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicySpec"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
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
    deletePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
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
    blockPolicyKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BlockRequest"];
            };
        };
        responses: {
            /** @description A subject's standing under one policy; limited tells whether a call of the asked cost would be denied now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyState"];
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
            /** @description Not Found */
            404: {
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
    unblockPolicyKey: {
        parameters: {
            query: {
                /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
                key: string;
            };
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Lifted */
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
    checkPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Decision"];
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
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A denied check: problem+json (429) carrying the whole decision as extension members */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateLimitedProblem"];
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
    penaltyPolicyKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Adjustment"];
            };
        };
        responses: {
            /** @description A subject's standing under one policy; limited tells whether a call of the asked cost would be denied now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyState"];
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
            /** @description Not Found */
            404: {
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
    rewardPolicyKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Adjustment"];
            };
        };
        responses: {
            /** @description A subject's standing under one policy; limited tells whether a call of the asked cost would be denied now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyState"];
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
            /** @description Not Found */
            404: {
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
    peekPolicy: {
        parameters: {
            query: {
                cost?: number;
                /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
                key: string;
            };
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A subject's standing under one policy; limited tells whether a call of the asked cost would be denied now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyState"];
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
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
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
    resetPolicyKey: {
        parameters: {
            query: {
                /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
                key: string;
            };
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                policy: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
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
    listQuotas: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
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
                    "application/json": components["schemas"]["QuotaList"];
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
    getQuota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                quota: string;
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
                    "application/json": components["schemas"]["Quota"];
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
            /** @description Not Found */
            404: {
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
    putQuota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                quota: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuotaSpec"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quota"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quota"];
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
    deleteQuota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                quota: string;
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
    consumeQuota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                quota: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuotaChange"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaUsage"];
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
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description A refused consume (nothing was charged) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaExceededProblem"];
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
    refundQuota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                quota: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuotaChange"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaUsage"];
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
            /** @description Not Found */
            404: {
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
    getQuotaUsage: {
        parameters: {
            query: {
                /** @description Who is limited: an IP or /64 prefix, a user id, a hashed API key... Any text up to 512 characters; it is escaped inside Redis keys and is the hash tag of all its state. */
                key: string;
            };
            header?: never;
            path: {
                /** @description Letters, digits, dot, underscore and dash, 1..64, starting with a letter or digit */
                quota: string;
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
                    "application/json": components["schemas"]["QuotaUsage"];
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
            /** @description Not Found */
            404: {
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

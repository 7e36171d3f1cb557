// Generated from services/health-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/v1/checks/{service}/{instanceId}/ttl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * An instance reports its own health (ttl checks)
         * @description For services whose check type is `ttl`: each update counts as one check result (pass -> passing, warn -> warning, fail -> critical, through the same thresholds). An instance that sends none for intervalMs gets a critical result every interval. 409 when the service is checked another way; 404 when health-svc does not track the instance.
         */
        put: operations["updateTtlCheck"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health/services/{service}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health of every instance of a service; the status code is the overall status
         * @description Lists every instance health-svc tracks for the service (those registry-svc lists), with its status.
         *
         *     `?passing` (or `?passing=true`) keeps only instances whose status is `passing`, as Consul does: warning, critical and maintenance ones are left out.
         *
         *     The status code is the worst status among the instances returned, as Consul answers it: 200 passing, 429 warning, 503 critical or maintenance, and 503 when none is returned. The body is the same ServiceHealth document for all three.
         *
         *     A 503 with `application/problem+json` instead means Redis is unavailable.
         *
         *     Blocking query: with `afterRevision=N` the answer waits (up to `timeoutSeconds`) until the service health revision moves past N.
         */
        get: operations["getServiceHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health/services/{service}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A service's check settings (the deployment defaults until set) */
        get: operations["getCheckSettings"];
        /**
         * Replace a service's check settings
         * @description Fields left out take the deployment defaults. Every instance of the service is checked with these from its next interval. `If-Match` (the ETag of GET) makes the change conditional: 412 when someone changed them since. Watchers get a `check` event.
         */
        put: operations["putCheckSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health/services/{service}/instances/{instanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health of one instance
         * @description Instance ids are unique only within a service (as in registry-svc), so the path names both. 404 until health-svc tracks the instance (it does as soon as the registry lists it) and after it left the registry.
         */
        get: operations["getInstanceHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health/services/{service}/instances/{instanceId}/maintenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put an instance into maintenance, or take it out
         * @description While on, the instance status is `maintenance` (never passing) whatever its checks say; checks go on, so taking it out restores what they say at once. Turning it on or off is a status change (watchers hear it); a new reason alone is not.
         */
        put: operations["setInstanceMaintenance"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health/services/{service}/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Watch a service's health: Server-Sent Events, or a long-poll with afterRevision
         * @description Only changes are events: an instance appearing or its status, flapping or maintenance changing (`status`), an instance leaving (`removed`), the check settings changing (`check`). A check that only changes the output or the streak wakes no one.
         */
        get: operations["watchServiceHealth"];
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
        CheckSettings: {
            /** @description Deregister the instance from registry-svc after it has been critical this long; null never does */
            deregisterCriticalAfterMs: number | null;
            /** @description Consecutive failed checks before the status turns critical */
            failuresBeforeCritical: number;
            /** @description Consecutive failed checks before a passing instance turns warning */
            failuresBeforeWarning: number;
            /** @description Status transitions within the last flapWindowChecks results that mark an instance flapping; 0 disables flap detection */
            flapThreshold: number;
            /** @description How many recent check results flap detection looks at */
            flapWindowChecks: number;
            /** @description How often each instance is checked; for ttl checks, the TTL */
            intervalMs: number;
            service: string;
            /** @description Consecutive good checks before the status turns passing (or warning) */
            successBeforePassing: number;
            /** @description Per-check deadline; must be below intervalMs */
            timeoutMs: number;
            /**
             * @description http: GET the instance healthPath (2xx passing, 429 warning, anything else critical); tcp: connect to host:port; ttl: the instance pushes its status and must do so at least every intervalMs
             * @enum {string}
             */
            type: "http" | "tcp" | "ttl";
            /** Format: date-time */
            updatedAt: string | null;
            /** @description Increases on every change; 0 means the deployment defaults apply. Also the ETag */
            version: number;
        };
        /** @description Replaces the settings; a field left out takes the deployment default (GET a service without settings to see them) */
        CheckSettingsInput: {
            /** @description Deregister the instance from registry-svc after it has been critical this long; null never does */
            deregisterCriticalAfterMs?: number | null;
            /** @description Consecutive failed checks before the status turns critical */
            failuresBeforeCritical?: number;
            /** @description Consecutive failed checks before a passing instance turns warning */
            failuresBeforeWarning?: number;
            /** @description Status transitions within the last flapWindowChecks results that mark an instance flapping; 0 disables flap detection */
            flapThreshold?: number;
            /** @description How many recent check results flap detection looks at */
            flapWindowChecks?: number;
            /** @description How often each instance is checked; for ttl checks, the TTL */
            intervalMs?: number;
            /** @description Consecutive good checks before the status turns passing (or warning) */
            successBeforePassing?: number;
            /** @description Per-check deadline; must be below intervalMs */
            timeoutMs?: number;
            /**
             * @description http: GET the instance healthPath (2xx passing, 429 warning, anything else critical); tcp: connect to host:port; ttl: the instance pushes its status and must do so at least every intervalMs
             * @enum {string}
             */
            type?: "http" | "tcp" | "ttl";
        };
        HealthEvent: {
            data: {
                check: components["schemas"]["CheckSettings"] | null;
                health: components["schemas"]["InstanceHealth"] | null;
                instanceId: string | null;
                /**
                 * @description passing takes traffic; warning still serves but is degraded; critical and maintenance take none
                 * @enum {string|null}
                 */
                previousStatus: "passing" | "warning" | "critical" | "maintenance" | null;
                service: string;
            };
            revision: number;
            /** @description Server time of the change, ms since epoch */
            time: number;
            /**
             * @description status: an instance appeared or its status, flapping or maintenance changed (data.health is its new health); removed: it left the registry; check: the service check settings changed (data.check)
             * @enum {string}
             */
            type: "status" | "removed" | "check";
        };
        HealthEventPage: {
            /** @description Events after afterRevision are gone: re-list, then watch from revision */
            compacted: boolean;
            events: components["schemas"]["HealthEvent"][];
            /** @description Resume from here with afterRevision */
            revision: number;
        };
        InstanceHealth: {
            /**
             * @description What the checks alone say (after the success/failure thresholds), before maintenance and flap damping
             * @enum {string}
             */
            checkStatus: "passing" | "warning" | "critical";
            /**
             * @description http: GET the instance healthPath (2xx passing, 429 warning, anything else critical); tcp: connect to host:port; ttl: the instance pushes its status and must do so at least every intervalMs
             * @enum {string}
             */
            checkType: "http" | "tcp" | "ttl";
            /** Format: date-time */
            criticalSince: string | null;
            /** @description Registry epoch of the registration this health belongs to */
            epoch: number;
            /** @description Too many transitions lately: status is held at the worst seen until it settles */
            flapping: boolean;
            instanceId: string;
            /**
             * Format: date-time
             * @description null until the first check
             */
            lastCheckAt: string | null;
            /** @description health-svc replica that ran the last check; "ttl" for a pushed update */
            lastCheckedBy: string | null;
            /**
             * Format: date-time
             * @description ttl checks: last push
             */
            lastTtlUpdateAt: string | null;
            /** @description Set while the instance is in maintenance: status is then `maintenance`, whatever the checks say */
            maintenance: {
                reason: string;
                /** Format: date-time */
                since: string;
            } | null;
            /** @description Last check output, at most 4 KiB */
            output: string;
            /** @description Transitions within the flap window */
            recentTransitions: number;
            service: string;
            /**
             * @description passing takes traffic; warning still serves but is degraded; critical and maintenance take none
             * @enum {string}
             */
            status: "passing" | "warning" | "critical" | "maintenance";
            /**
             * Format: date-time
             * @description When `status` last changed
             */
            statusSince: string;
            streak: {
                /** @description Consecutive critical results */
                failures: number;
                /** @description Consecutive passing or warning results */
                successes: number;
            };
        };
        MaintenanceRequest: {
            enabled: boolean;
            /** @description Why; shown in `maintenance.reason` */
            reason?: string;
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
        /** @description `status` is the worst status among `instances` (passing < warning < maintenance < critical); critical when there are none */
        ServiceHealth: {
            /** @description Every tracked instance by status, before any filter */
            counts: {
                critical: number;
                maintenance: number;
                passing: number;
                warning: number;
            };
            instances: components["schemas"]["InstanceHealth"][];
            /** @description The service's health revision this list reflects: watch (or long-poll) from here */
            revision: number;
            service: string;
            /**
             * @description passing takes traffic; warning still serves but is degraded; critical and maintenance take none
             * @enum {string}
             */
            status: "passing" | "warning" | "critical" | "maintenance";
        };
        TtlUpdate: {
            output?: string;
            /**
             * @description application/health+json vocabulary: pass -> passing, warn -> warning, fail -> critical
             * @enum {string}
             */
            status: "pass" | "warn" | "fail";
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
    updateTtlCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Registry instance id, unique within its service */
                instanceId: string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TtlUpdate"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceHealth"];
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
            /** @description Conflict */
            409: {
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
    getServiceHealth: {
        parameters: {
            query?: {
                /** @description Blocking query: answer once the revision is past this */
                afterRevision?: number;
                /** @description Only passing instances (`?passing` alone means true) */
                passing?: boolean;
                /** @description Blocking query: longest wait */
                timeoutSeconds?: number;
            };
            header?: never;
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every instance returned is passing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceHealth"];
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
            /** @description The worst instance returned is warning */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceHealth"];
                };
            };
            /** @description The worst instance returned is critical or in maintenance, or none is returned (application/json); or Redis is unavailable (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceHealth"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCheckSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                service: string;
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
                    "application/json": components["schemas"]["CheckSettings"];
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
    putCheckSettings: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckSettingsInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckSettings"];
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
    getInstanceHealth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Registry instance id, unique within its service */
                instanceId: string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                service: string;
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
                    "application/json": components["schemas"]["InstanceHealth"];
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
    setInstanceMaintenance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Registry instance id, unique within its service */
                instanceId: string;
                /** @description Registry service name: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MaintenanceRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstanceHealth"];
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
    watchServiceHealth: {
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
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON HealthEventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthEventPage"];
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

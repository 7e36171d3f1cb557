// Generated from services/registry-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service names with their live instance counts */
        get: operations["listServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/services/{service}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live instances of a service
         * @description One Redis round trip. An instance past its lease deadline is never returned. `revision` is the registry revision the list reflects: watch from it to miss nothing. A heartbeat that only renews a lease does not change the list (it changes no revision either), so each replica keeps answering from memory: in a list, `lastHeartbeatAt` and `leaseExpiresAt` can trail the latest heartbeat, and the lease runs at least until `leaseExpiresAt`. GET the instance itself for its current lease. A large unfiltered list is sent gzipped to a caller that accepts it (`Accept-Encoding: gzip`, which fetch sends by default), compressed once per change.
         */
        get: operations["discoverInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/services/{service}/instances/{instanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One live instance */
        get: operations["getInstance"];
        /**
         * Register an instance (idempotent) and start its lease
         * @description Creates or refreshes the registration. A fresh registration gets a new epoch; repeating it while the lease is live keeps the epoch and renews the lease.
         */
        put: operations["registerInstance"];
        post?: never;
        /** Deregister an instance now */
        delete: operations["deregisterInstance"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/services/{service}/instances/{instanceId}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Renew the lease, optionally changing status
         * @description 404 when the lease already lapsed: register again. With `Prefer: return=minimal` (RFC 7240) the answer is 204 without the instance: cheaper for both sides, and all that a caller renewing its own lease needs (service-kit sends it).
         */
        put: operations["heartbeatInstance"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/services/{service}/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch one service: Server-Sent Events, or a long-poll with afterRevision */
        get: operations["watchService"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch every service: Server-Sent Events, or a long-poll with afterRevision */
        get: operations["watchRegistry"];
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
        EventPage: {
            /** @description Events after afterRevision are gone: re-list, then watch from revision */
            compacted: boolean;
            events: components["schemas"]["RegistryEvent"][];
            /** @description Resume from here with afterRevision */
            revision: number;
        };
        Instance: {
            /** @description Increases every time this instance id registers afresh */
            epoch: number;
            healthPath: string;
            host: string;
            instanceId: string;
            /** Format: date-time */
            lastHeartbeatAt: string;
            /** Format: date-time */
            leaseExpiresAt: string;
            metadata: {
                [key: string]: string;
            };
            port: number;
            /** Format: date-time */
            registeredAt: string;
            service: string;
            /**
             * @description UP serves traffic; DRAINING finishes in-flight work and takes no new; OUT_OF_SERVICE is parked
             * @enum {string}
             */
            status: "UP" | "DRAINING" | "OUT_OF_SERVICE";
            tags: string[];
            ttlSeconds: number;
            version: string;
            weight: number;
            zone: string;
        };
        InstanceList: {
            instances: components["schemas"]["Instance"][];
            /** @description Registry revision this list reflects: watch from here */
            revision: number;
            service: string;
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
        /** @description Omitted fields take their defaults, which validation fills in before the service sees the body */
        Registration: {
            /** @default /health */
            healthPath?: string;
            /** @description Hostname or IP address */
            host: string;
            /**
             * @description At most 64 string keys, values up to 512 bytes
             * @default {}
             */
            metadata?: {
                [key: string]: string;
            };
            port: number;
            /** @default [] */
            tags?: string[];
            /**
             * @description Lease length; heartbeat every ttl/3
             * @default 30
             */
            ttlSeconds?: number;
            /** @default 0.0.0 */
            version?: string;
            /** @default 100 */
            weight?: number;
            /** @default default */
            zone?: string;
        };
        RegistryEvent: {
            data: {
                instance: components["schemas"]["Instance"] | null;
                instanceId: string;
                service: string;
            };
            revision: number;
            /** @description Server time of the change, ms since epoch */
            time: number;
            /** @enum {string} */
            type: "registered" | "updated" | "status" | "deregistered" | "expired";
        };
        ServiceSummaryList: {
            revision: number;
            services: {
                instances: number;
                name: string;
            }[];
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
    listServices: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["ServiceSummaryList"];
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
    discoverInstances: {
        parameters: {
            query?: {
                /** @description UP serves traffic; DRAINING finishes in-flight work and takes no new; OUT_OF_SERVICE is parked */
                status?: "UP" | "DRAINING" | "OUT_OF_SERVICE";
                /** @description Every tag given must be present */
                tag?: string[];
                zone?: string;
            };
            header?: never;
            path: {
                /** @description DNS-label-like: lower-case letters, digits and dashes, 1..63 */
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
                    "application/json": components["schemas"]["InstanceList"];
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
    getInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique within the service: letters, digits and . _ : @ -, 1..128 */
                instanceId: string;
                /** @description DNS-label-like: lower-case letters, digits and dashes, 1..63 */
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
                    "application/json": components["schemas"]["Instance"];
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
    registerInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique within the service: letters, digits and . _ : @ -, 1..128 */
                instanceId: string;
                /** @description DNS-label-like: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Registration"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Instance"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Instance"];
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
    deregisterInstance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Unique within the service: letters, digits and . _ : @ -, 1..128 */
                instanceId: string;
                /** @description DNS-label-like: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deregistered */
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
    heartbeatInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description `return=minimal`: answer 204 without the instance */
                prefer?: string;
            };
            path: {
                /** @description Unique within the service: letters, digits and . _ : @ -, 1..128 */
                instanceId: string;
                /** @description DNS-label-like: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description UP serves traffic; DRAINING finishes in-flight work and takes no new; OUT_OF_SERVICE is parked
                     * @enum {string}
                     */
                    status?: "UP" | "DRAINING" | "OUT_OF_SERVICE";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Instance"];
                };
            };
            /** @description Renewed, as asked with Prefer: return=minimal */
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
    watchService: {
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
                /** @description DNS-label-like: lower-case letters, digits and dashes, 1..63 */
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON EventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
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
    watchRegistry: {
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
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON EventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
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

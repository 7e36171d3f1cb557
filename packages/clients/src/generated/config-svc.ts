// Generated from services/config-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Namespaces that hold keys or schemas, in name order, a page at a time */
        get: operations["listConfigNamespaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole namespace as one snapshot at one revision
         * @description Read in one Redis step, so every entry is as of `revision` (also the ETag). Watch from that revision to miss nothing. An empty or unknown namespace is an empty snapshot at revision 0.
         */
        get: operations["getConfigSnapshot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/_schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The JSON Schemas that govern the values of this namespace */
        get: operations["listValueSchemas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/_schemas/{selector}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One value schema */
        get: operations["getValueSchema"];
        /**
         * Set the JSON Schema of a key (`timeout`), a key prefix (`db.*`) or every key (`*`)
         * @description The most specific schema governs a key: its exact-key schema, else the longest matching prefix. Writes that do not satisfy it answer 422 with every error. Setting a schema that a current value would not satisfy answers 422 EXISTING_VALUES_INVALID. Patterns run on RE2 (no backreferences or lookaround). Needs the admin scope.
         */
        put: operations["putValueSchema"];
        post?: never;
        /** Remove a value schema (422 if a value it governed would then break a broader schema) */
        delete: operations["deleteValueSchema"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/_watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Watch a namespace (optionally a key prefix): Server-Sent Events, or a long-poll with afterRevision
         * @description SSE: one event per change, `id:` = revision, in order; reconnect with Last-Event-ID (or fromRevision) to get every change after it exactly once. When those changes were trimmed from the log, one `compacted` event ends the stream: re-read the snapshot, then watch from its revision. Long-poll: with afterRevision, a JSON page of the changes after it, waiting up to timeoutSeconds for the first.
         */
        get: operations["watchConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one key: its value and metadata, with its ETag */
        get: operations["getConfigValue"];
        /**
         * Write one key (a new version); If-Match for compare-and-set
         * @description The value is any JSON up to 524288 bytes as compact JSON (413 beyond). A schema governing the key must accept it (422 with every error). Every write bumps the namespace revision and is appended to its history and change log.
         */
        put: operations["putConfigValue"];
        post?: never;
        /** Delete one key (recorded as a version in its history); If-Match for compare-and-delete */
        delete: operations["deleteConfigValue"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{key}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The retained versions of a key, newest first (the last 20, deletions included) */
        get: operations["getConfigHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/config/{namespace}/{key}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write the value a retained version held, as a new version
         * @description A rollback is an ordinary write (new version, new revision, change event with rollbackOf), checked against the schema governing the key today. 201 when it recreates a deleted key.
         */
        post: operations["rollbackConfigValue"];
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
        ConfigEntry: {
            /** @description Namespace revision that (re)created the key */
            createRevision: number;
            /** @description Same as the ETag header: the quoted modRevision */
            etag: string;
            key: string;
            /** @description Namespace revision of the last write to the key */
            modRevision: number;
            namespace: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** @description Any JSON value: object, array, string, number, boolean or null */
            value: unknown;
            /** @description Increases on every write and delete of this key; never reused */
            version: number;
        };
        ConfigEvent: {
            data: {
                createRevision?: number;
                key?: string;
                modRevision?: number;
                namespace: string;
                rollbackOf?: number;
                selector?: string;
                /** Format: date-time */
                updatedAt: string;
                updatedBy: string;
                /** @description Any JSON value: object, array, string, number, boolean or null */
                value?: unknown;
                /** @description The value was too large to travel in the event: GET the key (its modRevision is at least this revision) */
                valueOmitted?: boolean;
                version?: number;
            };
            revision: number;
            /** @description Server time of the change, ms since epoch */
            time: number;
            /**
             * @description put/delete change a key; schema-put/schema-delete change a value schema
             * @enum {string}
             */
            type: "put" | "delete" | "schema-put" | "schema-delete";
        };
        ConfigEventPage: {
            /** @description Events after afterRevision are gone: re-read the snapshot, then watch from its revision */
            compacted: boolean;
            events: components["schemas"]["ConfigEvent"][];
            /** @description Resume from here with afterRevision */
            revision: number;
        };
        HistoryEntry: {
            /** @description This version is a deletion (it has no value) */
            deleted: boolean;
            /** @description Namespace revision of this change */
            revision: number;
            /** @description This write restored that version */
            rollbackOf?: number;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** @description Any JSON value: object, array, string, number, boolean or null */
            value?: unknown;
            version: number;
        };
        HistoryPage: {
            key: string;
            namespace: string;
            /** @description Pass as `beforeVersion` for older versions */
            nextBeforeVersion?: number;
            /** @description Newest first */
            versions: components["schemas"]["HistoryEntry"][];
        };
        NamespaceList: {
            namespaces: {
                keys: number;
                namespace: string;
            }[];
            /** @description Pass as `cursor` for the next page; absent on the last page */
            nextCursor?: string;
        };
        NamespaceSnapshot: {
            /** @description Sorted by key */
            entries: components["schemas"]["ConfigEntry"][];
            namespace: string;
            /** @description Every entry is as of this revision: watch from here to miss nothing */
            revision: number;
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
        PutValueBody: {
            /** @description Any JSON value: object, array, string, number, boolean or null */
            value: unknown;
        };
        RollbackBody: {
            /** @description A retained version that holds a value */
            toVersion: number;
        };
        ValueSchema: {
            etag: string;
            namespace: string;
            /** @description Namespace revision that set this schema */
            revision: number;
            schema: unknown;
            selector: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
        };
        ValueSchemaBody: {
            /** @description A JSON Schema (draft 2020-12 by default; `$schema` may select draft-07) */
            schema: {
                [key: string]: unknown;
            } | boolean;
        };
        ValueSchemaList: {
            namespace: string;
            /** @description Namespace revision of the last schema change (0: never) */
            schemaRevision: number;
            /** @description Sorted by selector */
            schemas: components["schemas"]["ValueSchema"][];
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
    listConfigNamespaces: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description Only names starting with this */
                prefix?: string;
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
                    "application/json": components["schemas"]["NamespaceList"];
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
    getConfigSnapshot: {
        parameters: {
            query?: {
                /** @description Only keys starting with this */
                prefix?: string;
            };
            header?: {
                /** @description Answer 304 when the ETag is still one of these */
                "if-none-match"?: string;
            };
            path: {
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
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
                    "application/json": components["schemas"]["NamespaceSnapshot"];
                };
            };
            /** @description Not modified: If-None-Match named the current revision */
            304: {
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
    listValueSchemas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
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
                    "application/json": components["schemas"]["ValueSchemaList"];
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
    getValueSchema: {
        parameters: {
            query?: never;
            header?: {
                /** @description Answer 304 when the ETag is still one of these */
                "if-none-match"?: string;
            };
            path: {
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
                /** @description A key, a key prefix followed by `*` (`db.*`), or `*` for every key */
                selector: string;
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
                    "application/json": components["schemas"]["ValueSchema"];
                };
            };
            /** @description Not modified */
            304: {
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
    putValueSchema: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the current ETag is one of these (or `*`: if it exists); else 412 with currentETag */
                "if-match"?: string;
                /** @description `*`: create only, 412 if it exists */
                "if-none-match"?: string;
                /** @description Who is making the change, recorded as updatedBy (with the API key name when auth is on) */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
                /** @description A key, a key prefix followed by `*` (`db.*`), or `*` for every key */
                selector: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValueSchemaBody"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValueSchema"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValueSchema"];
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
            /** @description Conflict */
            409: {
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
            /** @description Content Too Large */
            413: {
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
            /** @description Precondition Required */
            428: {
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
    deleteValueSchema: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the current ETag is one of these (or `*`: if it exists); else 412 with currentETag */
                "if-match"?: string;
                /** @description Who is making the change, recorded as updatedBy (with the API key name when auth is on) */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
                /** @description A key, a key prefix followed by `*` (`db.*`), or `*` for every key */
                selector: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
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
            /** @description Conflict */
            409: {
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
            /** @description Unprocessable Content */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Required */
            428: {
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
    watchConfig: {
        parameters: {
            query?: {
                /** @description Long-poll: answer JSON with the changes after this revision */
                afterRevision?: number;
                /** @description SSE: start after this revision (Last-Event-ID takes precedence) */
                fromRevision?: number;
                /** @description Only keys starting with this */
                prefix?: string;
                /** @description Long-poll: how long to wait for a change */
                timeoutSeconds?: number;
            };
            header?: never;
            path: {
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream of ConfigEvent (event: put | delete | schema-put | schema-delete | compacted). With afterRevision: a ConfigEventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigEventPage"];
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
    getConfigValue: {
        parameters: {
            query?: never;
            header?: {
                /** @description Answer 304 when the ETag is still one of these */
                "if-none-match"?: string;
            };
            path: {
                /** @description Letters, digits and `_ . : -`, starting with a letter or digit; 1..256 */
                key: string;
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description The quoted modRevision: send it as If-Match to write only over this version */
                    etag?: string;
                    /** @description Namespace revision the answer is current at */
                    "x-config-revision"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigEntry"];
                };
            };
            /** @description Not modified: If-None-Match named the current ETag */
            304: {
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
    putConfigValue: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the current ETag is one of these (or `*`: if it exists); else 412 with currentETag */
                "if-match"?: string;
                /** @description `*`: create only, 412 if it exists */
                "if-none-match"?: string;
                /** @description Who is making the change, recorded as updatedBy (with the API key name when auth is on) */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description Letters, digits and `_ . : -`, starting with a letter or digit; 1..256 */
                key: string;
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutValueBody"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigEntry"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigEntry"];
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
            /** @description Conflict */
            409: {
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
            /** @description Content Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
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
            /** @description Precondition Required */
            428: {
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
    deleteConfigValue: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the current ETag is one of these (or `*`: if it exists); else 412 with currentETag */
                "if-match"?: string;
                /** @description Who is making the change, recorded as updatedBy (with the API key name when auth is on) */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description Letters, digits and `_ . : -`, starting with a letter or digit; 1..256 */
                key: string;
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
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
            /** @description Precondition Required */
            428: {
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
    getConfigHistory: {
        parameters: {
            query?: {
                /** @description Cursor: only versions older than this */
                beforeVersion?: number;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description Letters, digits and `_ . : -`, starting with a letter or digit; 1..256 */
                key: string;
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
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
                    "application/json": components["schemas"]["HistoryPage"];
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
    rollbackConfigValue: {
        parameters: {
            query?: never;
            header?: {
                /** @description Write only if the current ETag is one of these (or `*`: if it exists); else 412 with currentETag */
                "if-match"?: string;
                /** @description `*`: create only, 412 if it exists */
                "if-none-match"?: string;
                /** @description Who is making the change, recorded as updatedBy (with the API key name when auth is on) */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description Letters, digits and `_ . : -`, starting with a letter or digit; 1..256 */
                key: string;
                /** @description e.g. `payments/prod` (send as `payments%2Fprod` in a path): `/`-separated segments of letters, digits, `_ . -` */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackBody"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigEntry"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigEntry"];
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
            /** @description Precondition Failed */
            412: {
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
            /** @description Precondition Required */
            428: {
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

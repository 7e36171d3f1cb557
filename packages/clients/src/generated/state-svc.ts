// Generated from services/state-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/v1/locks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who holds a lock, and the newest fencing token issued for it */
        get: operations["getLock"];
        /**
         * Extend a held lock (holder only)
         * @description 404 when nobody holds the lock any more; 409 when another token holds it. The fencing token is unchanged.
         */
        put: operations["extendLock"];
        /**
         * Acquire a lock, optionally waiting for it
         * @description Answers the token (the secret to extend and release with) and a fencing token that is larger than every one issued before for this lock. 409 with the holder and its expiry when the lock stays held for waitMs. Waiters are not queued in order.
         */
        post: operations["acquireLock"];
        /**
         * Release a held lock (holder only)
         * @description Compare-and-delete: a stale token never releases the lock of whoever holds it now (409).
         */
        delete: operations["releaseLock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/state/{namespace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One page of a namespace's keys, in key order
         * @description Reads the namespace index, never a keyspace scan. A page may hold fewer than limit items while nextCursor is set (expired entries are dropped as they are met); the end is nextCursor = null.
         */
        get: operations["listDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/state/{namespace}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a document with its ETag
         * @description If-None-Match with the ETag you hold answers 304 while the document is unchanged.
         */
        get: operations["getDocument"];
        /**
         * Create or replace a document
         * @description If-Match: "<version>" (or *) makes it a compare-and-set; If-None-Match: * creates only. Answers the ETag. A TTL applies to this version only: a PUT without ttlMs makes the document permanent. X-Fencing-Lock + X-Fencing-Token refuse the write (409) when a newer token exists for that lock.
         */
        put: operations["putDocument"];
        post?: never;
        /**
         * Delete a document
         * @description If-Match makes the delete conditional; fencing headers work as for PUT.
         */
        delete: operations["deleteDocument"];
        options?: never;
        head?: never;
        /**
         * Apply a JSON Merge Patch (RFC 7396) to a document's data
         * @description Content-Type application/merge-patch+json; If-Match is required (428 without it). null removes a member, arrays are replaced whole. The TTL is kept.
         */
        patch: operations["patchDocument"];
        trace?: never;
    };
    "/v1/watch/{namespace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch every document of a namespace: Server-Sent Events, or a long-poll with afterRevision */
        get: operations["watchNamespace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/watch/{namespace}/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch one document: Server-Sent Events, or a long-poll with afterRevision */
        get: operations["watchDocument"];
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
        KeyPage: {
            items: {
                /** Format: date-time */
                expiresAt: string | null;
                key: string;
                /** Format: date-time */
                updatedAt: string;
                version: number;
            }[];
            namespace: string;
            /** @description Pass as cursor for the next page; null at the end */
            nextCursor: string | null;
            /** @description Namespace revision when the page was read: watch from here */
            revision: number;
        };
        LockExtendRequest: {
            /** @description The secret the acquisition returned (128 random bits, base64url) */
            token: string;
            /** @description New lease length from now */
            ttlMs: number;
        };
        LockGrant: {
            /** Format: date-time */
            acquiredAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description Strictly increases with every acquisition of this lock, forever: send it with writes as X-Fencing-Token */
            fencingToken: number;
            name: string;
            owner: string;
            /** @description Secret proving ownership: needed to extend and release; never shown to others */
            token: string;
        };
        LockReleaseRequest: {
            /** @description The secret the acquisition returned (128 random bits, base64url) */
            token: string;
        };
        LockRequest: {
            /** @description Who holds it, for humans and 409 answers */
            owner: string;
            /** @description Lease length (100 ms .. 24 h) */
            ttlMs: number;
            /** @description Wait up to this long for a held lock (default 0: answer at once; at most LOCK_MAX_WAIT_MS, 60 s unless lowered) */
            waitMs?: number;
        };
        LockState: {
            /** Format: date-time */
            acquiredAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** @description The holder's fencing token */
            fencingToken: number | null;
            held: boolean;
            /** @description Highest fencing token ever issued for this lock (0: never) */
            lastFencingToken: number;
            name: string;
            owner: string | null;
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
        PutDocumentBody: {
            /** @description Any JSON value, bounded in size (STATE_MAX_DOCUMENT_BYTES) and nesting depth */
            data: unknown;
            /** @description Time to live in ms (100 ms .. 366 days); without it the document never expires */
            ttlMs?: number;
        };
        StateDocument: {
            /** Format: date-time */
            createdAt: string;
            data: unknown;
            /** @description The ETag header value: "<version>" */
            etag: string;
            /** Format: date-time */
            expiresAt: string | null;
            key: string;
            namespace: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description API key name and/or x-trellis-actor of the last writer */
            updatedBy: string;
            /** @description The namespace revision of the last write (like etcd mod_revision): grows on every write and never repeats, even across delete and re-create. The ETag is its quoted form. */
            version: number;
        };
        StateEvent: {
            data: {
                /** @description The document after the change; null for deleted and expired */
                document: components["schemas"]["StateDocument"] | null;
                key: string;
                namespace: string;
                previousVersion: number | null;
            };
            revision: number;
            /** @description Server time of the change, ms since epoch */
            time: number;
            /** @enum {string} */
            type: "created" | "updated" | "deleted" | "expired";
        };
        StateEventPage: {
            /** @description Events after afterRevision are gone: re-list, then watch from revision */
            compacted: boolean;
            events: components["schemas"]["StateEvent"][];
            /** @description Resume from here with afterRevision */
            revision: number;
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
    getLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : - (1..128, starting with a letter or digit) */
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
                    "application/json": components["schemas"]["LockState"];
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
    extendLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : - (1..128, starting with a letter or digit) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LockExtendRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LockGrant"];
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
    acquireLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : - (1..128, starting with a letter or digit) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LockRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LockGrant"];
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
    releaseLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ : - (1..128, starting with a letter or digit) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LockReleaseRequest"];
            };
        };
        responses: {
            /** @description Released */
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
    listDocuments: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description Page size, default 100 */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description Letters, digits and . _ - (1..128, starting with a letter or digit) */
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
                    "application/json": components["schemas"]["KeyPage"];
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
    getDocument: {
        parameters: {
            query?: never;
            header?: {
                "if-none-match"?: string;
            };
            path: {
                /** @description Letters, digits and . _ : - (1..255, starting with a letter or digit), e.g. order:123 */
                key: string;
                /** @description Letters, digits and . _ - (1..128, starting with a letter or digit) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    /** @description The version, quoted ("12"): send it back as If-Match */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateDocument"];
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
    putDocument: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
                "if-none-match"?: string;
                /** @description Letters, digits and . _ : - (1..128, starting with a letter or digit) */
                "x-fencing-lock"?: string;
                /** @description Fencing token of X-Fencing-Lock held by the writer */
                "x-fencing-token"?: number;
                /** @description Who is writing, recorded as updatedBy */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description Letters, digits and . _ : - (1..255, starting with a letter or digit), e.g. order:123 */
                key: string;
                /** @description Letters, digits and . _ - (1..128, starting with a letter or digit) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutDocumentBody"];
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    /** @description The version, quoted ("12"): send it back as If-Match */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateDocument"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description The version, quoted ("12"): send it back as If-Match */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateDocument"];
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
    deleteDocument: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
                /** @description Letters, digits and . _ : - (1..128, starting with a letter or digit) */
                "x-fencing-lock"?: string;
                /** @description Fencing token of X-Fencing-Lock held by the writer */
                "x-fencing-token"?: number;
                /** @description Who is writing, recorded as updatedBy */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description Letters, digits and . _ : - (1..255, starting with a letter or digit), e.g. order:123 */
                key: string;
                /** @description Letters, digits and . _ - (1..128, starting with a letter or digit) */
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
    patchDocument: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
                /** @description Letters, digits and . _ : - (1..128, starting with a letter or digit) */
                "x-fencing-lock"?: string;
                /** @description Fencing token of X-Fencing-Lock held by the writer */
                "x-fencing-token"?: number;
                /** @description Who is writing, recorded as updatedBy */
                "x-trellis-actor"?: string;
            };
            path: {
                /** @description Letters, digits and . _ : - (1..255, starting with a letter or digit), e.g. order:123 */
                key: string;
                /** @description Letters, digits and . _ - (1..128, starting with a letter or digit) */
                namespace: string;
            };
            cookie?: never;
        };
        /** @description A JSON Merge Patch document for data */
        requestBody: {
            content: {
                "application/merge-patch+json": unknown;
            };
        };
        responses: {
            /** @description Patched */
            200: {
                headers: {
                    /** @description The version, quoted ("12"): send it back as If-Match */
                    etag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateDocument"];
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
    watchNamespace: {
        parameters: {
            query?: {
                /** @description Long-poll: answer JSON with the events after this revision */
                afterRevision?: number;
                /** @description SSE: start after this revision (Last-Event-ID takes precedence) */
                fromRevision?: number;
                /** @description Long-poll: how long to wait for an event (default 30) */
                timeoutSeconds?: number;
            };
            header?: never;
            path: {
                /** @description Letters, digits and . _ - (1..128, starting with a letter or digit) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = namespace revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON StateEventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateEventPage"];
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
    watchDocument: {
        parameters: {
            query?: {
                /** @description Long-poll: answer JSON with the events after this revision */
                afterRevision?: number;
                /** @description SSE: start after this revision (Last-Event-ID takes precedence) */
                fromRevision?: number;
                /** @description Long-poll: how long to wait for an event (default 30) */
                timeoutSeconds?: number;
            };
            header?: never;
            path: {
                /** @description Letters, digits and . _ : - (1..255, starting with a letter or digit), e.g. order:123 */
                key: string;
                /** @description Letters, digits and . _ - (1..128, starting with a letter or digit) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = namespace revision, resumable with Last-Event-ID; a `compacted` event means re-list. With afterRevision: a JSON StateEventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateEventPage"];
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
